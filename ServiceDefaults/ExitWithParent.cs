using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

/// <summary>
/// A child process that must not outlive the process that started it (a function instance and its activator,
/// ADR 0047). The parent holds the write end of the child's standard input and never writes to it; when the parent
/// exits, however it exits (SIGKILL included), the kernel closes that end and the child reads end-of-file, and stops
/// as it would on SIGTERM. Unlike PR_SET_PDEATHSIG, which fires when the forking thread ends (a .NET thread-pool
/// thread retires when idle), this follows the parent process itself and needs no polling.
/// </summary>
public sealed partial class ExitWithParent(IHostApplicationLifetime lifetime, ILogger<ExitWithParent> logger) : IHostedService
{
    /// <summary>The variable a parent sets to <see cref="StandardInput"/> when it keeps the child's standard input open for this.</summary>
    public const string Variable = "PLATFORM_EXIT_WITH_PARENT";

    public const string StandardInput = "stdin";

    public static void AddIfAsked(IHostApplicationBuilder builder)
    {
        if (string.Equals(builder.Configuration[Variable], StandardInput, StringComparison.Ordinal))
            builder.Services.AddHostedService<ExitWithParent>();
    }

    /// <summary>
    /// A read of standard input cannot be cancelled, so it blocks a thread of its own, a background one that never
    /// holds the process up: a stop for another reason (SIGTERM) does not wait for it.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        new Thread(WaitForParentToGo) { IsBackground = true, Name = "exit with parent" }.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void WaitForParentToGo()
    {
        using var input = Console.OpenStandardInput();
        var buffer = new byte[64];
        try
        {
            while (input.Read(buffer) > 0)
            {
                // the parent never writes; anything read is ignored
            }
        }
        catch (IOException)
        {
            // the pipe broke: the parent is gone all the same
        }
        LogParentGone(logger);
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The process that started this one has exited (its standard input closed): stopping.")]
    private static partial void LogParentGone(ILogger logger);
}
