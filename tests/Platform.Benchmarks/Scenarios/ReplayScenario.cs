using Platform.Analytics.Infrastructure;
using Platform.ServiceDefaults.Migrations;
using System.Diagnostics;
using Platform.Analytics.Domain;
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
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// The Kappa replay's throughput over --events (100,000) events, against the raw floor: the same stream read by a bare
/// consumer, in the same run. The events are facts of UserRegistered as the log writer appends them (ids only), published to a stream of the
/// benchmark's own on the dev RabbitMQ, counted into a database of its own on the dev PostgreSQL, by analytics' own
/// classes (the live counter, then the replay from the first event), so the system's metrics are left alone.
/// </summary>
public sealed class ReplayScenario : IScenario
{
    private const string Database = "analytics_bench";

    public string Name => "replay";

    public int Steps(BenchmarkOptions options) => 4;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(RunningSystem system, BenchmarkOptions options, ScenarioProgress progress)
    {
        var broker = new ConnectionFactory { Uri = options.RabbitMq };
        var log = new AnalyticsLogOptions { Stream = $"analytics-bench-{Guid.NewGuid():N}"[..24] };
        await using var database = await CreateDatabaseAsync(options);
        await DatabaseMigrations.ApplyAsync(database, "analytics", typeof(AnalyticsLayers).Assembly, NullLogger.Instance, CancellationToken.None);
        try
        {
            var from = DateTimeOffset.UtcNow.AddSeconds(-1);
            progress.Step($"publishing {options.Events:N0} facts to {log.Stream}");
            await PublishAsync(broker, log, options.Events);
            progress.Step("bare read from the first offset");
            var bare = await BareReadAsync(broker, log, options.Events);
            progress.Step("speed layer, counting live");
            var live = await CountLiveAsync(broker, log, database, options.Events);
            progress.Step("Kappa replay into a shadow");
            var replay = await ReplayAsync(broker, log, database, from, options.Events);

            var load = $"{options.Events:N0} events";
            var floor = new Rate(options.Events / bare.TotalSeconds, "events/s");
            const string floorName = "bare stream consumer that only counts (RabbitMQ.Client)";
            return
            [
                new ScenarioResult("analytics: speed layer", load, new Rate(options.Events / live.TotalSeconds, "events/s"), floor, floorName,
                    Note: "analytics' live reader counting exactly once into PostgreSQL"),
                new ScenarioResult("analytics: Kappa replay", load, new Rate(replay.EventsDone / replay.Elapsed.TotalSeconds, "events/s"), floor, floorName,
                    Note: "analytics' replay into a shadow generation, swapped in"),
            ];
        }
        finally
        {
            await using var connection = await broker.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeleteAsync(log.Stream);
        }
    }

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

    /// <summary>Facts as the log writer appends them (ids only, ADR 0038), into the stream through the default exchange, 500 in flight.</summary>
    private static async Task PublishAsync(ConnectionFactory broker, AnalyticsLogOptions log, int events)
    {
        await using var connection = await broker.CreateConnectionAsync("replay-bench-publisher");
        await using var setup = await connection.CreateChannelAsync();
        await setup.QueueDeclareAsync(log.Stream, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "stream" });
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null));
        var properties = new BasicProperties { ContentType = AnalyticsFacts.ContentType, DeliveryMode = DeliveryModes.Persistent };
        for (var start = 0; start < events; start += 500)
            await Task.WhenAll(Enumerable.Range(start, Math.Min(500, events - start)).Select(_ =>
                channel.BasicPublishAsync("", log.Stream, mandatory: true, properties,
                    AnalyticsFacts.Write(new AnalyticsEvent(Guid.NewGuid(), EventKind.UserRegistered, Guid.CreateVersion7(), DateTimeOffset.UtcNow))).AsTask()));
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
        var view = new PostgresSpeedView(database, PostgresSpeedView.StreamPosition);
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
            new PostgresShadowView(database, NullLogger<PostgresShadowView>.Instance), new PostgresSpeedView(database, PostgresSpeedView.StreamPosition), Gate, Feed(database),
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
