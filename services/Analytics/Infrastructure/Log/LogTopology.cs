using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Platform.Analytics.Infrastructure.Log;

/// <summary>
/// Declares the log before anything is published (the AppHost starts the publishers after analytics is healthy): the
/// stream, and the integration events' fanout exchanges bound to it. MassTransit creates an exchange lazily at its
/// first publish, and a message published before the binding exists never reaches the stream, so analytics creates
/// them first, with MassTransit's own settings (durable fanout).
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
        foreach (var exchange in IntegrationEvents.Exchanges)
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(log.Stream, exchange, routingKey: "", cancellationToken: cancellationToken);
        }
        logger.LogInformation("Analytics log {Stream} bound to {Exchanges} (retention {MaxAge} or {MaxLengthBytes} bytes)",
            log.Stream, IntegrationEvents.Exchanges, log.MaxAge, log.MaxLengthBytes);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
