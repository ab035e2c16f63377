namespace Platform.Benchmarks.Suite;

/// <summary>
/// CPU time per process of the dev run, from /proc (Linux): a snapshot before a phase and one after give what each
/// part of the system (each service, PostgreSQL, RabbitMQ, the SMTP server, the dashboard, this load generator) spent.
/// </summary>
public sealed class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on

    private readonly Dictionary<int, (string Part, double Seconds)> byProcess;

    private ProcessCpu(Dictionary<int, (string, double)> byProcess) => this.byProcess = byProcess;

    public static bool Available => Directory.Exists("/proc/self");

    public static ProcessCpu Snapshot()
    {
        var processes = new Dictionary<int, (string, double)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) ": state is field 3
                var seconds = (double.Parse(fields[11]) + double.Parse(fields[12])) / TicksPerSecond; // utime, stime
                if (PartOf(File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ')) is { } part)
                    processes[pid] = (part, seconds);
            }
            catch (IOException)
            {
                // the process ended between the listing and the read
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return new ProcessCpu(processes);
    }

    /// <summary>CPU seconds each part spent between <paramref name="before"/> and this snapshot.</summary>
    public IReadOnlyDictionary<string, double> Since(ProcessCpu before) =>
        byProcess.GroupBy(process => process.Value.Part)
            .ToDictionary(part => part.Key, part => part.Sum(process =>
                process.Value.Seconds - (before.byProcess.TryGetValue(process.Key, out var earlier) && earlier.Part == process.Value.Part ? earlier.Seconds : 0)));

    private static string? PartOf(string commandLine) => commandLine switch
    {
        _ when commandLine.Contains("Platform.Benchmarks", StringComparison.Ordinal) => "load generator (this benchmark)",
        _ when commandLine.Contains("Platform.AppHost", StringComparison.Ordinal) => "AppHost",
        _ when commandLine.Contains("Platform.", StringComparison.Ordinal) => ServiceName(commandLine),
        _ when commandLine.Contains("Aspire.Dashboard", StringComparison.Ordinal) => "Aspire dashboard",
        _ when commandLine.Contains("postgres", StringComparison.Ordinal) => "PostgreSQL",
        _ when commandLine.Contains("beam.smp", StringComparison.Ordinal) || commandLine.Contains("rabbitmq", StringComparison.Ordinal) => "RabbitMQ",
        _ when commandLine.Contains("aiosmtpd", StringComparison.Ordinal) => "SMTP server",
        _ when commandLine.Contains("/dcp", StringComparison.Ordinal) => "Aspire DCP",
        _ => null,
    };

    /// <summary>
    /// Waits until the whole dev run spends at most <paramref name="atMostCores"/> of a core over a second, up to
    /// <paramref name="timeout"/> (a function's instance starting, a daemon catching up), and answers the last second's
    /// use, in cores, with its busiest part. A phase that needs the machine quiet says so when it was not.
    /// </summary>
    public static async Task<(double Cores, string Busiest)> QuietAsync(double atMostCores, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var before = Snapshot();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var spent = Snapshot().Since(before);
            var cores = spent.Values.Sum();
            var busiest = spent.MaxBy(part => part.Value);
            if (cores <= atMostCores || waited.Elapsed >= timeout)
                return (cores, $"{busiest.Key} {busiest.Value:0.00}");
        }
    }

    /// <summary>"…/Platform.UserQuery.dll" or ".../Platform.UserQuery" → "Platform.UserQuery".</summary>
    internal static string ServiceName(string commandLine)
    {
        var start = commandLine.IndexOf("Platform.", StringComparison.Ordinal);
        var end = start;
        while (end < commandLine.Length && (char.IsLetterOrDigit(commandLine[end]) || commandLine[end] == '.'))
            end++;
        return commandLine[start..end].Replace(".dll", "", StringComparison.Ordinal).Replace(".csproj", "", StringComparison.Ordinal).TrimEnd('.');
    }
}
