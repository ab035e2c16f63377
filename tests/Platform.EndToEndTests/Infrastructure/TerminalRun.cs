using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>A command run as a person runs it in a terminal: every line it prints, with when it printed it.</summary>
public sealed class TerminalRun : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<(DateTime At, string Line)> lines = new();

    private TerminalRun(Process process) => this.process = process;

    /// <summary>The clone the tests were built from: the folder above the AppHost's project folder.</summary>
    public static string RepositoryRoot { get; } = Path.GetDirectoryName(AppHostProjectFolder)!;

    private static string AppHostProjectFolder => Directory.Exists(Projects.Platform_AppHost.ProjectPath)
        ? Projects.Platform_AppHost.ProjectPath
        : Path.GetDirectoryName(Projects.Platform_AppHost.ProjectPath)!;

    public IReadOnlyList<(DateTime At, string Line)> Lines => [.. lines];

    public string Output => string.Join(Environment.NewLine, lines.Select(entry => entry.Line));

    public DateTime ExitTime => process.ExitTime.ToUniversalTime();

    public int ExitCode => process.ExitCode;

    public bool HasExited => process.HasExited;

    /// <summary>
    /// A run that <see cref="InterruptAsync"/> can stop as Ctrl+C does. A terminal's foreground job is a process group
    /// whose SIGINT is at its default; a test host may have inherited SIGINT ignored (CI runs it without a terminal),
    /// and its children would ignore Ctrl+C too, so a few lines of Python set both up and exec the command.
    /// </summary>
    public static TerminalRun StartInTerminal(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment) =>
        Start("python3", ["-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.setsid(); os.execvp(sys.argv[1], sys.argv[1:])",
            fileName, .. arguments], environment);

    /// <summary>Ctrl+C: SIGINT to the whole foreground process group, as the terminal sends it.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start("kill", ["-INT", "--", $"-{process.Id}"]);
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"kill -INT -{process.Id} failed");
    }

    /// <summary>SIGTERM to the process alone, as an orchestrator stops it, then waits for it to exit (false: it did not, within <paramref name="within"/>).</summary>
    public async Task<bool> TerminateAsync(TimeSpan within)
    {
        using (var kill = Process.Start("kill", ["-TERM", $"{process.Id}"]))
            await kill.WaitForExitAsync();
        using var wait = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits for a line containing <paramref name="text"/>; a run that exits first, or is silent past the deadline, fails the test.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!Lines.Any(entry => entry.Line.Contains(text, StringComparison.Ordinal)))
        {
            if (process.HasExited)
                Assert.Fail($"it exited ({process.ExitCode}) before printing \"{text}\"; it printed:{Environment.NewLine}{Output}");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"\"{text}\" not printed within {within.TotalSeconds:0} s; it printed:{Environment.NewLine}{Output}");
            await Task.Delay(200);
        }
    }

    public static TerminalRun Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // as in CI: nothing to read
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        var run = new TerminalRun(new Process { StartInfo = start });
        run.process.OutputDataReceived += (_, e) => run.Record(e.Data);
        run.process.ErrorDataReceived += (_, e) => run.Record(e.Data);
        run.process.Start();
        run.process.StandardInput.Close();
        run.process.BeginOutputReadLine();
        run.process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Waits for the exit; a run still going at the deadline fails the test with what it printed.</summary>
    public async Task WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"still running after {within.TotalSeconds:0} s; it printed:{Environment.NewLine}{Output}");
        }
    }

    /// <summary>When the first line containing <paramref name="text"/> was printed.</summary>
    public DateTime PrintedAt(string text) =>
        Lines.FirstOrDefault(entry => entry.Line.Contains(text, StringComparison.Ordinal)) is { Line: not null } found
            ? found.At
            : throw new Xunit.Sdk.XunitException($"it never printed \"{text}\"; it printed:{Environment.NewLine}{Output}");

    private void Record(string? line)
    {
        if (line is not null)
            lines.Enqueue((DateTime.UtcNow, line));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
