using System.Globalization;

namespace Platform.Benchmarks.Shapes;

/// <summary>
/// What a shape's own processes hold, from /proc: its services (the built executables, not the <c>dotnet run</c>
/// wrappers a dev run starts them through) and its servers (PostgreSQL, RabbitMQ, the SMTP server). The orchestrator,
/// its dashboard and this benchmark are left out: every shape has them in a dev run and none in production. Memory is
/// the proportional set size, so the pages PostgreSQL's backends share are counted once, not once per backend.
/// </summary>
public static class ShapeFootprint
{
    /// <param name="Main">A server's main process (PostgreSQL's postmaster, RabbitMQ's VM, the SMTP server): one per server.</param>
    public sealed record Process(int Pid, string Part, bool Server, bool Main = false);

    public static IReadOnlyList<Process> Running() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => PartOf(pid, Read(pid, "cmdline").Replace('\0', ' ')))
            .OfType<Process>()];

    /// <summary>The own code's deployables running now (function instances among them), by name.</summary>
    public static IReadOnlyList<string> Services() => [.. Running().Where(process => !process.Server).Select(process => process.Part).Distinct().Order()];

    /// <summary>The servers running now, one entry per server (PostgreSQL once per server, not per backend).</summary>
    public static IReadOnlyList<string> Servers() => [.. Running().Where(process => process.Main).Select(process => process.Part).Order()];

    public static double MemoryMegabytes() => Running().Sum(process => ProportionalKilobytes(process.Pid)) / 1024;

    private static Process? PartOf(int pid, string commandLine) => commandLine switch
    {
        "" => null,
        _ when commandLine.Contains("Platform.Benchmarks", StringComparison.Ordinal) || commandLine.Contains("Platform.AppHost", StringComparison.Ordinal) => null,
        _ when commandLine.Contains(" run --project", StringComparison.Ordinal) || commandLine.StartsWith("setsid", StringComparison.Ordinal) => null,
        _ when commandLine.Contains("Platform.", StringComparison.Ordinal) => new Process(pid, Suite.ProcessCpu.ServiceName(commandLine), false),
        _ when commandLine.Contains("postgres", StringComparison.Ordinal) && !commandLine.Contains("bash", StringComparison.Ordinal) =>
            new Process(pid, "PostgreSQL", true, commandLine.Contains(" -D ", StringComparison.Ordinal)),
        _ when commandLine.Contains("beam.smp", StringComparison.Ordinal) => new Process(pid, "RabbitMQ", true, true), // epmd, a daemon of the machine's, outlives any broker
        _ when commandLine.Contains("aiosmtpd", StringComparison.Ordinal) => new Process(pid, "SMTP server", true, true),
        _ => null,
    };

    private static double ProportionalKilobytes(int pid)
    {
        var line = Read(pid, "smaps_rollup").Split('\n').FirstOrDefault(line => line.StartsWith("Pss:", StringComparison.Ordinal))
            ?? Read(pid, "status").Split('\n').FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static string Read(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return ""; // the process ended between the listing and the read, or is not ours to read
        }
    }
}
