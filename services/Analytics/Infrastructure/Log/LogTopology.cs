using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Platform.Analytics.Infrastructure.Log;

/// <summary>
/// Declares the log before anything is published (the AppHost starts the publishers after analytics is healthy): the
/// stream, the writer's queue, and the integration events' fanout exchanges bound to that queue (ADR 0038: the stream
/// holds only what <see cref="LogWriter"/> appends, ids only). MassTransit creates an exchange lazily at its first
/// publish, and a message published before the binding exists never reaches the queue, so analytics creates them
/// first, with MassTransit's own settings (durable fanout). The former stream, which held whole events, is deleted.
/// </summary>
public sealed class LogTopology(IConnectionFactory broker, IOptions<AnalyticsLogOptions> options, ILogger<LogTopology> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var log = options.Value;
        await using var connection = await broker.CreateConnectionAsync("analytics-topology", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(log.Stream, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
        {
            ["x-queue-type"] = "stream",
            ["x-max-age"] = log.MaxAge,
            ["x-max-length-bytes"] = log.MaxLengthBytes,
        }, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(log.WriterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        foreach (var exchange in IntegrationEvents.Exchanges)
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(log.WriterQueue, exchange, routingKey: "", cancellationToken: cancellationToken);
        }
        if (!string.IsNullOrEmpty(log.FormerStream) && log.FormerStream != log.Stream)
            await DeleteFormerAsync(connection, log.FormerStream, cancellationToken);
        logger.LogInformation("Analytics log {Stream}, written from {Queue} bound to {Exchanges} (retention {MaxAge} or {MaxLengthBytes} bytes)",
            log.Stream, log.WriterQueue, IntegrationEvents.Exchanges, log.MaxAge, log.MaxLengthBytes);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A passive declare tells whether it exists (a missing queue closes the channel that asked, so a channel of its own).</summary>
    private async Task DeleteFormerAsync(IConnection connection, string former, CancellationToken ct)
    {
        await using var probe = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await probe.QueueDeclarePassiveAsync(former, ct);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return;
        }
        await probe.QueueDeleteAsync(former, cancellationToken: ct);
        logger.LogWarning("Deleted the former analytics log {Stream}: it held whole events, names and addresses included (ADR 0038)", former);
    }
}
