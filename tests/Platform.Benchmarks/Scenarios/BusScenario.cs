using System.Diagnostics;
using MassTransit;
using Platform.Benchmarks.Suite;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Benchmarks.Scenarios;

/// <summary>A message of about a registration's size, on queues of the benchmark's own.</summary>
public sealed record BenchMessage(Guid Id, string Name, string Email, DateTimeOffset At);

/// <summary>
/// MassTransit (as the services use it: publish with confirms, durable queue, persistent messages, JSON envelope)
/// against raw RabbitMQ.Client doing the same on the same broker: --messages (20,000) messages published with up to
/// 100 awaiting their confirm, and consumed with the same prefetch (32) and an ack each. The raw publisher sends the
/// very bytes MassTransit put on the wire, so the payload is the same size. Two figures each: publishing alone, and
/// the time until the last message was consumed.
/// </summary>
public sealed class BusScenario : IScenario
{
    private const int InFlight = 100;
    private const ushort Prefetch = 32;

    public string Name => "bus";

    public int Steps(BenchmarkOptions options) => 2;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(RunningSystem system, BenchmarkOptions options, ScenarioProgress progress)
    {
        var queue = $"bench-bus-{Guid.NewGuid():N}"[..20];
        progress.Step($"MassTransit, {options.Messages:N0} messages");
        var (transit, body) = await MassTransitAsync(options, queue + "-mt");
        progress.Step($"raw RabbitMQ.Client, {options.Messages:N0} messages of {body.Length:N0} bytes");
        var raw = await RawAsync(options, queue + "-raw", body);

        const string floorName = "RabbitMQ.Client 7: same bytes, confirms, prefetch 32, ack each";
        var load = $"{options.Messages:N0} msgs, {InFlight} in flight";
        return
        [
            new ScenarioResult("bus: publish", load, Rate(options.Messages, transit.Published), Rate(options.Messages, raw.Published), floorName,
                Note: $"MassTransit 8 publish with confirms, {body.Length:N0}-byte envelope"),
            new ScenarioResult("bus: publish + consume", load, Rate(options.Messages, transit.Consumed), Rate(options.Messages, raw.Consumed), floorName,
                Note: "until the last message was consumed"),
        ];
    }

    private static Rate Rate(int messages, TimeSpan elapsed) => new(messages / elapsed.TotalSeconds, "msg/s");

    private static async Task<(Timing Timing, byte[] Body)> MassTransitAsync(BenchmarkOptions options, string queue)
    {
        var consumed = new Countdown(options.Messages);
        byte[]? body = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(options.RabbitMq);
            rabbit.ReceiveEndpoint(queue, endpoint =>
            {
                endpoint.PrefetchCount = Prefetch;
                endpoint.Handler<BenchMessage>(context =>
                {
                    body ??= context.ReceiveContext.Body.GetBytes();
                    consumed.Signal();
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync(TimeSpan.FromSeconds(30));
        try
        {
            var clock = Stopwatch.StartNew();
            await InBatchesAsync(options.Messages, i => bus.Publish(new BenchMessage(Guid.NewGuid(), $"Bench User {i}", $"bus-{i}@bench.example", DateTimeOffset.UtcNow)));
            var published = clock.Elapsed;
            await consumed.WaitAsync("MassTransit's consumer");
            return (new Timing(published, clock.Elapsed), body!);
        }
        finally
        {
            await bus.StopAsync(TimeSpan.FromSeconds(30));
            await DeleteAsync(options, queue, queue, "Platform.Benchmarks.Scenarios:BenchMessage");
        }
    }

    private static async Task<Timing> RawAsync(BenchmarkOptions options, string queue, byte[] body)
    {
        await using var connection = await new ConnectionFactory { Uri = options.RabbitMq }.CreateConnectionAsync("bench-bus-raw");
        await using var consumerChannel = await connection.CreateChannelAsync();
        await consumerChannel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true);
        await consumerChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await consumerChannel.QueueBindAsync(queue, queue, "");
        await consumerChannel.BasicQosAsync(0, Prefetch, false);
        var consumed = new Countdown(options.Messages);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            consumed.Signal();
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null));
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        try
        {
            var clock = Stopwatch.StartNew();
            await InBatchesAsync(options.Messages, _ => publisher.BasicPublishAsync(queue, "", mandatory: false, properties, body).AsTask());
            var published = clock.Elapsed;
            await consumed.WaitAsync("the raw consumer");
            return new Timing(published, clock.Elapsed);
        }
        finally
        {
            await consumerChannel.QueueDeleteAsync(queue);
            await consumerChannel.ExchangeDeleteAsync(queue);
        }
    }

    private static async Task InBatchesAsync(int messages, Func<int, Task> publish)
    {
        for (var start = 0; start < messages; start += InFlight)
            await Task.WhenAll(Enumerable.Range(start, Math.Min(InFlight, messages - start)).Select(publish));
    }

    private static async Task DeleteAsync(BenchmarkOptions options, string queue, params string[] exchanges)
    {
        await using var connection = await new ConnectionFactory { Uri = options.RabbitMq }.CreateConnectionAsync("bench-bus-cleanup");
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
        foreach (var exchange in exchanges)
            await channel.ExchangeDeleteAsync(exchange);
    }

    private sealed record Timing(TimeSpan Published, TimeSpan Consumed);

    /// <summary>Completes when every message has been consumed; fails after two minutes with who was slow.</summary>
    private sealed class Countdown(int count)
    {
        private readonly TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int left = count;

        public void Signal()
        {
            if (Interlocked.Decrement(ref left) == 0)
                all.TrySetResult();
        }

        public async Task WaitAsync(string consumer)
        {
            try
            {
                await all.Task.WaitAsync(TimeSpan.FromMinutes(2));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{consumer} had {Volatile.Read(ref left):N0} messages left after two minutes.");
            }
        }
    }
}
