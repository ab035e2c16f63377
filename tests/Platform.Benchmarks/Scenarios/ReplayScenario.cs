using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Analytics.Application.CountingEvents;
using Platform.Analytics.Application.QueryingMetrics;
using Platform.Analytics.Application.Replaying;
using Platform.Analytics.Application.WatchingMetrics;
using Platform.Analytics.Infrastructure.Log;
using Platform.Analytics.Infrastructure.Views;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Benchmarks;

/// <summary>
/// The Kappa replay's throughput over --events (100,000) events, against the raw floor: the same stream read by a bare
/// consumer, in the same run. The events are MassTransit envelopes of UserRegistered, published to a stream of the
/// benchmark's own on the dev RabbitMQ, counted into a database of its own on the dev PostgreSQL, by analytics' own
/// classes (the live counter, then the replay from the first event), so the system's metrics are left alone.
/// </summary>
public static class ReplayBenchmark
{
    private const string Database = "analytics_bench";

    public static async Task RunAsync(BenchmarkOptions options)
    {
        var broker = new ConnectionFactory { Uri = options.RabbitMq };
        var log = new AnalyticsLogOptions { Stream = $"analytics-bench-{Guid.NewGuid():N}"[..24] };
        await using var database = await CreateDatabaseAsync(options);
        await new ViewSchema(database).StartAsync(CancellationToken.None);

        Console.WriteLine($"Kappa replay benchmark: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores shared by " +
                          $"RabbitMQ, PostgreSQL and this process, {options.Events:N0} UserRegistered envelopes in stream {log.Stream}");
        Console.WriteLine();
        try
        {
            var from = DateTimeOffset.UtcNow.AddSeconds(-1);
            var published = await PublishAsync(broker, log, options.Events);
            var bare = await BareReadAsync(broker, log, options.Events);
            var live = await CountLiveAsync(broker, log, database, options.Events);
            var replay = await ReplayAsync(broker, log, database, from, options.Events);

            Console.WriteLine("| phase | events | seconds | events/s | vs. bare read |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Row("publish with confirms (raw client)", options.Events, published, null);
            Row("bare consumer, from first (the floor)", options.Events, bare, null);
            Row("speed layer: count live, exactly once", options.Events, live, bare);
            Row("Kappa replay into a shadow, swapped in", replay.EventsDone, replay.Elapsed, bare);
            Console.WriteLine();
            Console.WriteLine($"The replay re-counted {replay.EventsDone:N0} of {replay.EventsExpected:N0} expected events at " +
                              $"{bare.TotalSeconds / replay.Elapsed.TotalSeconds:0.00}x the bare read's rate (the target is at least 0.5x).");
        }
        finally
        {
            await using var connection = await broker.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeleteAsync(log.Stream);
        }
    }

    private static void Row(string phase, long events, TimeSpan elapsed, TimeSpan? floor) =>
        Console.WriteLine($"| {phase} | {events:N0} | {elapsed.TotalSeconds:0.00} | {events / elapsed.TotalSeconds:N0} | " +
                          (floor is { } f ? $"{f.TotalSeconds / elapsed.TotalSeconds:0.00}x" : "") + " |");

    private static async Task<NpgsqlDataSource> CreateDatabaseAsync(BenchmarkOptions options)
    {
        await using (var server = NpgsqlDataSource.Create(options.Database("postgres")))
        {
            await using var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
            await drop.ExecuteNonQueryAsync();
            await using var create = server.CreateCommand($"CREATE DATABASE {Database}");
            await create.ExecuteNonQueryAsync();
        }
        return NpgsqlDataSource.Create(options.Database(Database));
    }

    /// <summary>Envelopes as MassTransit writes them, into the stream through the default exchange, 500 in flight.</summary>
    private static async Task<TimeSpan> PublishAsync(ConnectionFactory broker, AnalyticsLogOptions log, int events)
    {
        await using var connection = await broker.CreateConnectionAsync("replay-bench-publisher");
        await using var setup = await connection.CreateChannelAsync();
        await setup.QueueDeclareAsync(log.Stream, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "stream" });
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null));
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < events; start += 500)
            await Task.WhenAll(Enumerable.Range(start, Math.Min(500, events - start)).Select(i =>
                channel.BasicPublishAsync("", log.Stream, mandatory: true, properties, Envelope(i)).AsTask()));
        return clock.Elapsed;
    }

    private static byte[] Envelope(int i)
    {
        var id = Guid.NewGuid();
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId = id,
            conversationId = Guid.NewGuid(),
            sourceAddress = "rabbitmq://localhost/bench_replay",
            destinationAddress = "rabbitmq://localhost/Platform.Contracts.Users.V1:UserRegistered",
            messageType = new[] { "urn:message:Platform.Contracts.Users.V1:UserRegistered" },
            message = new { userId = Guid.CreateVersion7(), name = $"Replay Bench {i}", email = $"replay-{i}@bench.example", version = 1, occurredAt = DateTimeOffset.UtcNow },
            sentTime = DateTimeOffset.UtcNow,
            headers = new { traceparent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid():N}"[..55] + "-01" },
            host = new { machineName = Environment.MachineName, processName = "Platform.Benchmarks", frameworkVersion = Environment.Version.ToString(), massTransitVersion = "8.5.12.0" },
        });
    }

    /// <summary>
    /// The floor: a bare consumer from "first" that only counts deliveries (no parsing), with analytics' prefetch and an
    /// acknowledgement per batch.
    /// </summary>
    private static async Task<TimeSpan> BareReadAsync(ConnectionFactory broker, AnalyticsLogOptions log, int events)
    {
        await using var connection = await broker.CreateConnectionAsync("replay-bench-bare");
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, log.Prefetch, false);
        var read = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            if (++read % log.BatchSize == 0 || read == events)
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: true);
            if (read == events)
                all.TrySetResult();
        };
        var clock = Stopwatch.StartNew();
        await channel.BasicConsumeAsync(log.Stream, autoAck: false, consumerTag: "", noLocal: false, exclusive: false,
            arguments: new Dictionary<string, object?> { ["x-stream-offset"] = "first" }, consumer);
        await all.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return clock.Elapsed;
    }

    /// <summary>The speed layer's own reader, counting the stream into the benchmark's views until it has every event.</summary>
    private static async Task<TimeSpan> CountLiveAsync(ConnectionFactory broker, AnalyticsLogOptions log, NpgsqlDataSource database, int events)
    {
        var view = new PostgresSpeedView(database);
        var reader = new LogReader(broker, view, Gate, Feed(database), Options.Create(log), NullLogger<LogReader>.Instance);
        var clock = Stopwatch.StartNew();
        await reader.StartAsync(CancellationToken.None);
        while (await view.LastOffsetAsync(CancellationToken.None) is not { } offset || offset < events - 1)
            await Task.Delay(20);
        var elapsed = clock.Elapsed;
        await reader.StopAsync(CancellationToken.None);
        return elapsed;
    }

    private static async Task<(long EventsDone, long EventsExpected, TimeSpan Elapsed)> ReplayAsync(
        ConnectionFactory broker, AnalyticsLogOptions log, NpgsqlDataSource database, DateTimeOffset from, int events)
    {
        var replay = new KappaReplay(new StreamReplay(broker, Options.Create(log), NullLogger<StreamReplay>.Instance),
            new PostgresShadowView(database, NullLogger<PostgresShadowView>.Instance), new PostgresSpeedView(database), Gate, Feed(database),
            new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), TimeProvider.System, NullLogger<KappaReplay>.Instance);
        var clock = Stopwatch.StartNew();
        if (!replay.TryStart(from, out _))
            throw new InvalidOperationException("The replay did not start.");
        while (replay.Status.State is not (ReplayState.Completed or ReplayState.Failed))
            await Task.Delay(20);
        var elapsed = clock.Elapsed;
        var status = replay.Status;
        if (status.State == ReplayState.Failed || status.EventsDone != events)
            throw new InvalidOperationException($"The replay ended {status.State} with {status.EventsDone} of {events} events: {status.Error}");
        return (status.EventsDone, status.EventsExpected, elapsed);
    }

    private static readonly CountingGate Gate = new();

    private static MetricsFeed Feed(NpgsqlDataSource database) =>
        new(new MetricsQuery(new PostgresMetricsReader(database), TimeProvider.System), NullLogger<MetricsFeed>.Instance);
}
