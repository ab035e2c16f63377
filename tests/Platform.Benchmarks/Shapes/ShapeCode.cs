using System.Xml.Linq;

namespace Platform.Benchmarks.Shapes;

/// <summary>
/// The lines of C# a shape ships: the projects it deploys and every project they reference, each counted once per
/// shape (the shared ones, ServiceDefaults and the event store among them, once in each shape that ships them).
/// Non-blank lines of the .cs files under each project's folder, build output left out.
/// </summary>
public static class ShapeCode
{
    public static int Lines(string repository, IEnumerable<string> projects)
    {
        var shipped = new HashSet<string>();
        var pending = new Stack<string>(projects.Select(project => Path.GetFullPath(Path.Combine(repository, project))));
        while (pending.TryPop(out var project))
        {
            if (!shipped.Add(project))
                continue;
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
                if (reference.Attribute("ReferenceOutputAssembly")?.Value != "false" || reference.Attribute("Include")!.Value.Contains("Plugins.Examples", StringComparison.Ordinal))
                    pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Attribute("Include")!.Value)));
        }
        return shipped.Select(Path.GetDirectoryName).Distinct().Sum(folder => Directory
            .EnumerateFiles(folder!, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains("/bin/", StringComparison.Ordinal) && !file.Contains("/obj/", StringComparison.Ordinal))
            .Sum(file => File.ReadLines(file).Count(line => !string.IsNullOrWhiteSpace(line))));
    }
}
