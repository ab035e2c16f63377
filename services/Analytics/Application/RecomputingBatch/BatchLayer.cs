using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Platform.Analytics.Application.RecomputingBatch;

/// <summary>
/// The batch layer (ADR 0021): recomputes the metrics from the full history, on a schedule and when an admin asks,
/// one run at a time. A run reads every event store into a new generation of the batch view, counts it set-based up
/// to its watermark, and publishes it with the watermark in one transaction; the serving layer takes the batch view
/// before the watermark and the speed view from it on.
/// </summary>
public sealed class BatchLayer(
    IEventHistory history, IBatchView view, IOptions<BatchOptions> options, TimeProvider clock, ILogger<BatchLayer> logger) : BackgroundService
{
    private const int RunsKept = 20;
    private readonly Channel<BatchRun> requests = Channel.CreateUnbounded<BatchRun>();
    private readonly Lock gate = new();
    private readonly LinkedList<BatchRun> runs = [];

    /// <summary>The next scheduled run.</summary>
    public DateTimeOffset? NextScheduledAt { get; private set; }

    /// <summary>The latest runs, newest first.</summary>
    public IReadOnlyList<BatchRun> Runs
    {
        get
        {
            lock (gate)
                return [.. runs];
        }
    }

    /// <summary>Queues a run; <paramref name="watermark"/> null chooses the whole minute <see cref="BatchOptions.WatermarkLag"/> behind the clock.</summary>
    public BatchRun Request(DateTimeOffset? watermark)
    {
        if (watermark > clock.GetUtcNow())
            throw new ArgumentOutOfRangeException(nameof(watermark), "The watermark cannot be in the future: events after it may not have happened yet.");
        var run = new BatchRun(Guid.NewGuid(), "admin", BatchRunState.Queued, clock.GetUtcNow(), watermark);
        Record(run);
        requests.Writer.TryWrite(run);
        return run;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        NextScheduledAt = clock.GetUtcNow() + options.Value.FirstRunAfter;
        while (!stoppingToken.IsCancellationRequested)
        {
            var run = await NextAsync(stoppingToken);
            var finished = await RunAsync(run, stoppingToken);
            if (finished.Trigger == "schedule")
                NextScheduledAt = clock.GetUtcNow() + (finished.State == BatchRunState.Completed ? options.Value.Period : options.Value.FirstRunAfter);
        }
    }

    /// <summary>An admin's request, or the scheduled run when it is due.</summary>
    private async Task<BatchRun> NextAsync(CancellationToken ct)
    {
        using var due = CancellationTokenSource.CreateLinkedTokenSource(ct);
        due.CancelAfter(NextScheduledAt!.Value - clock.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        try
        {
            return await requests.Reader.ReadAsync(due.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var scheduled = new BatchRun(Guid.NewGuid(), "schedule", BatchRunState.Queued, clock.GetUtcNow(), null);
            Record(scheduled);
            return scheduled;
        }
    }

    private async Task<BatchRun> RunAsync(BatchRun run, CancellationToken ct)
    {
        var watermark = run.Watermark ?? DefaultWatermark();
        run = Record(run with { State = BatchRunState.Running, Watermark = watermark, StartedAt = clock.GetUtcNow() });
        var generation = await view.BeginAsync(ct);
        try
        {
            await foreach (var page in history.ReadAllAsync(ct))
            {
                await view.AddAsync(generation, page, ct);
                run = Record(run with { EventsRead = run.EventsRead + page.Count });
            }
            var counted = await view.PublishAsync(generation, watermark, ct);
            run = Record(run with { State = BatchRunState.Completed, EventsCounted = counted, FinishedAt = clock.GetUtcNow() });
            logger.LogInformation("Batch view {Generation} published: {Counted} of {Read} events before the watermark {Watermark}, in {Duration} ms",
                generation, counted, run.EventsRead, watermark, (run.FinishedAt - run.StartedAt)!.Value.TotalMilliseconds);
        }
        catch (Exception failure) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(failure, "Batch run {Run} failed; the view in force stays", run.Id);
            run = Record(run with { State = BatchRunState.Failed, Error = failure.Message, FinishedAt = clock.GetUtcNow() });
            await view.DiscardAsync(generation, ct);
        }
        return run;
    }

    /// <summary>A whole minute, so that the seam between the batch and speed views is a minute bucket's edge.</summary>
    private DateTimeOffset DefaultWatermark()
    {
        var time = clock.GetUtcNow() - options.Value.WatermarkLag;
        return new DateTimeOffset(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    private BatchRun Record(BatchRun run)
    {
        lock (gate)
        {
            var existing = runs.First;
            while (existing is not null && existing.Value.Id != run.Id)
                existing = existing.Next;
            if (existing is not null)
                existing.Value = run;
            else
                runs.AddFirst(run);
            while (runs.Count > RunsKept)
                runs.RemoveLast();
        }
        return run;
    }
}
