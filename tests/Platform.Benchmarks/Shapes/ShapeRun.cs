using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Platform.AppHost;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks.Shapes;

/// <summary>
/// A shape started as ./run.sh starts it (the built AppHost, Release, the dashboard's fixed ports), in a data folder of
/// its own, so each starts from nothing: its "ready" time is a first start's, the databases created and the buckets
/// placed. The admin client's secret is this run's, so the benchmark can mint admin tokens.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class ShapeRun : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataFolder;
    private readonly List<string> lines = [];

    private ShapeRun(Process process, string dataFolder)
    {
        this.process = process;
        this.dataFolder = dataFolder;
    }

    public string AdminClientSecret { get; private init; } = "";

    /// <summary>From the command to "Platform is ready", as the AppHost counts it.</summary>
    public TimeSpan Ready { get; private set; }

    public static async Task<ShapeRun> StartAsync(Shape shape, string repository, TimeSpan within)
    {
        var data = Directory.CreateTempSubdirectory("platform-shape-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101); // the postgres user enters it
        var secrets = SecretParameters.Fresh(); // this run's: the machine's user secrets stay as they are
        // A session of its own, so that stopping it is Ctrl+C's: SIGINT to its whole process group.
        var start = new ProcessStartInfo("setsid", ["dotnet", "run", "--project", "AppHost/Platform.AppHost.csproj", "-c", "Release", "--no-build", "--launch-profile", "http"])
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PLATFORM_RUN_STARTED_AT"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        start.Environment["Infrastructure__DataDirectory"] = data;
        foreach (var (name, value) in secrets)
            start.Environment[$"Parameters__{name}"] = value;
        foreach (var (name, value) in shape.Settings)
            start.Environment[name] = value;

        var run = new ShapeRun(Process.Start(start) ?? throw new BenchmarkSetupException("The AppHost could not be started."), data) { AdminClientSecret = secrets[SecretParameters.AdminClientSecret] };
        var ready = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null)
                return;
            lock (run.lines)
                run.lines.Add(line);
            if (ReadyLine().Match(line) is { Success: true } match)
                ready.TrySetResult(TimeSpan.FromSeconds(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)));
        }
        run.process.OutputDataReceived += (_, e) => Read(e.Data);
        run.process.ErrorDataReceived += (_, e) => Read(e.Data);
        run.process.BeginOutputReadLine();
        run.process.BeginErrorReadLine();

        var exited = run.process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(within));
        if (first != ready.Task)
        {
            var output = run.Tail(40);
            await run.DisposeAsync();
            throw new BenchmarkSetupException($"The {shape.Name} shape did not become ready{(first == exited ? " (the AppHost exited)" : $" within {within.TotalMinutes:0} min")}:{Environment.NewLine}{output}");
        }
        run.Ready = await ready.Task;
        return run;
    }

    private string Tail(int count)
    {
        lock (lines)
            return string.Join(Environment.NewLine, lines.TakeLast(count));
    }

    /// <summary>Stops the AppHost as Ctrl+C does (SIGINT to its process group), and removes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var interrupt = Process.Start("kill", ["-INT", "--", $"-{process.Id.ToString(CultureInfo.InvariantCulture)}"]))
                await interrupt.WaitForExitAsync();
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(stopped.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process.Dispose();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // the servers' files may belong to the postgres user; the folder is in the temp directory either way
        }
    }

    [GeneratedRegex(@"Platform is ready \(([0-9.]+) s after the start\)")]
    private static partial Regex ReadyLine();
}
