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
