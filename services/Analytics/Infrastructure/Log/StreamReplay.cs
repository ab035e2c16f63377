using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Platform.Analytics.Application.CountingEvents;
using Platform.Analytics.Application.Replaying;
using RabbitMQ.Client;

namespace Platform.Analytics.Infrastructure.Log;

/// <summary>
/// Re-reads the analytics stream from a timestamp (<c>x-stream-offset</c> as an AMQP timestamp: whole seconds, from
/// the start of the chunk that holds it, so it begins up to a second or more early).
/// </summary>
public sealed class StreamReplay(IConnectionFactory broker, IOptions<AnalyticsLogOptions> options, ILogger<StreamReplay> logger) : ILogReplay
{
    /// <summary>No delivery for this long: the replay has read the log as far as it goes.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(500);

    public async IAsyncEnumerable<ReplayBatch> ReadFromAsync(DateTimeOffset from, [EnumeratorCancellation] CancellationToken ct)
    {
        var log = options.Value;
        var start = new AmqpTimestamp(from.ToUnixTimeSeconds()); // rounds down: never after from
        await using var subscription = await LogSubscription.OpenAsync(broker, log, "analytics-replay", start, logger, ct);
        while (true)
        {
            var batch = await subscription.NextAsync(log.BatchSize, Idle, ct);
            if (batch.Count == 0)
            {
                yield return ReplayBatch.Idle;
                continue;
            }
            yield return new ReplayBatch([.. batch.Select(d => d.Event).OfType<LoggedEvent>()], batch[0].Offset, batch[^1].Offset);
            await subscription.AckAsync(batch[^1], ct);
        }
    }
}
