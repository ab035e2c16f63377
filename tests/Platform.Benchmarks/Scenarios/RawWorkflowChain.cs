using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// The order workflow's floor with raw clients: each client writes three rows (one transaction each, as the three
/// commands do) and publishes the order to the first of three durable queues with a confirm; a consumer on each queue
/// writes the step's row and publishes to the next, acking after. The chain ends when the third step's row is in; the
/// client then starts the next one, as the system's clients wait for their order's end.
/// </summary>
public sealed class RawWorkflowChain(NpgsqlDataSource db, Uri rabbitMq)
{
    private const int Hops = 3;
    private const ushort Prefetch = 16;

    public sealed record Result(double PerSecond, double P50Ms, double P99Ms);

    public async Task<Result> RunAsync(int clients, TimeSpan duration)
    {
        await using (var schema = db.CreateCommand("""
            CREATE SCHEMA IF NOT EXISTS benchmark;
            CREATE TABLE IF NOT EXISTS benchmark.raw_order_steps (order_id uuid NOT NULL, step int NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (order_id, step));
            TRUNCATE benchmark.raw_order_steps;
            """))
            await schema.ExecuteNonQueryAsync();

        var prefix = $"bench-chain-{Guid.NewGuid():N}"[..20];
        await using var connection = await new ConnectionFactory { Uri = rabbitMq, ConsumerDispatchConcurrency = Prefetch }.CreateConnectionAsync("bench-order-chain");
        var ended = new ConcurrentDictionary<Guid, TaskCompletionSource>();
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        var channels = new List<IChannel>();
        try
        {
            for (var hop = 1; hop <= Hops; hop++)
                channels.Add(await ConsumeAsync(connection, prefix, hop, ended));

            await using var publisher = await ConfirmingChannelAsync(connection);
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                while (clock.Elapsed < duration)
                {
                    var order = Guid.CreateVersion7();
                    var started = clock.Elapsed;
                    var end = ended.GetOrAdd(order, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                    for (var command = -Hops; command < 0; command++)
                        await InsertAsync(order, command);
                    await publisher.BasicPublishAsync("", $"{prefix}-1", mandatory: false, Persistent, order.ToByteArray());
                    await end.Task.WaitAsync(TimeSpan.FromSeconds(60));
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                }
            })));
            var sorted = latencies.Order().ToArray();
            return new Result(sorted.Length / clock.Elapsed.TotalSeconds, Percentile.Of(sorted, 50), Percentile.Of(sorted, 99));
        }
        finally
        {
            foreach (var channel in channels)
                await channel.DisposeAsync();
            await using var cleanup = await connection.CreateChannelAsync();
            for (var hop = 1; hop <= Hops; hop++)
                await cleanup.QueueDeleteAsync($"{prefix}-{hop}");
        }
    }

    private static readonly BasicProperties Persistent = new() { DeliveryMode = DeliveryModes.Persistent };

    private static Task<IChannel> ConfirmingChannelAsync(IConnection connection) =>
        connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null));

    private async Task<IChannel> ConsumeAsync(IConnection connection, string prefix, int hop, ConcurrentDictionary<Guid, TaskCompletionSource> ended)
    {
        var channel = await ConfirmingChannelAsync(connection);
        await channel.QueueDeclareAsync($"{prefix}-{hop}", durable: true, exclusive: false, autoDelete: false);
        await channel.BasicQosAsync(0, Prefetch, false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var body = delivery.Body.ToArray();
            var order = new Guid(body);
            await InsertAsync(order, hop);
            if (hop < Hops)
                await channel.BasicPublishAsync("", $"{prefix}-{hop + 1}", mandatory: false, Persistent, body);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (hop == Hops && ended.TryRemove(order, out var end))
                end.TrySetResult();
        };
        await channel.BasicConsumeAsync($"{prefix}-{hop}", autoAck: false, consumer);
        return channel;
    }

    private async Task InsertAsync(Guid order, int step)
    {
        await using var command = db.CreateCommand("INSERT INTO benchmark.raw_order_steps (order_id, step, at) VALUES ($1, $2, now())");
        command.Parameters.AddWithValue(order);
        command.Parameters.AddWithValue(step);
        await command.ExecuteNonQueryAsync();
    }
}
