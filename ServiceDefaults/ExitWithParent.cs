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
public sealed partial class ExitWithParent(IHostApplicationLifetime lifetime, ILogger<ExitWithParent> logger) : BackgroundService
{
    /// <summary>The variable a parent sets to <see cref="StandardInput"/> when it keeps the child's standard input open for this.</summary>
    public const string Variable = "PLATFORM_EXIT_WITH_PARENT";

    public const string StandardInput = "stdin";

    public static void AddIfAsked(IHostApplicationBuilder builder)
    {
        if (string.Equals(builder.Configuration[Variable], StandardInput, StringComparison.Ordinal))
            builder.Services.AddHostedService<ExitWithParent>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var input = Console.OpenStandardInput();
        var buffer = new byte[64];
        try
        {
            while (await input.ReadAsync(buffer, stoppingToken) > 0)
            {
                // the parent never writes; anything read is ignored
            }
        }
        catch (OperationCanceledException)
        {
            return; // stopping for another reason
        }
        LogParentGone(logger);
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The process that started this one has exited (its standard input closed): stopping.")]
    private static partial void LogParentGone(ILogger logger);
}
