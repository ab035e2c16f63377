using System.Text.RegularExpressions;

namespace Platform.Benchmarks.Suite;

/// <summary>
/// Writes a run's figures into <c>docs/performance.md</c>, between <c>&lt;!-- bench:NAME --&gt;</c> and
/// <c>&lt;!-- /bench:NAME --&gt;</c>, so the published figures are the last run's, never copied by hand.
/// </summary>
public static partial class DocsBlock
{
    public const string File = "docs/performance.md";

    /// <summary>Replaces the block's content; false (and nothing written) when the file or its markers are missing.</summary>
    public static async Task<bool> WriteAsync(string name, string markdown)
    {
        if (!System.IO.File.Exists(File))
            return false;
        var text = await System.IO.File.ReadAllTextAsync(File);
        var (start, end) = ($"<!-- bench:{name} -->", $"<!-- /bench:{name} -->");
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from)
            return false;
        var content = Headings().Replace(markdown.Trim(), heading => "##" + heading.Value); // the run's "#" and "##" sit under the page's
        await System.IO.File.WriteAllTextAsync(File, $"{text[..(from + start.Length)]}\n{content}\n{text[to..]}");
        return true;
    }

    [GeneratedRegex("^#{1,2}(?= )", RegexOptions.Multiline)]
    private static partial Regex Headings();
}
