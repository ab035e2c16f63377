using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Contracts.Users.V1;

namespace Platform.UserQuery.Application.RebuildingReadModel;

/// <summary>
/// Rebuilds the profile read model from the event store while the live one keeps serving (ADR 0012):
/// 1. replay the whole history into a shadow table, page by page;
/// 2. hold off the live writers, replay what came meanwhile, and swap the shadow in, in one transaction;
/// 3. replay once more into the new live table: an event whose write waited on the old table during the swap
///    landed there, and the idempotent writes make a second application harmless.
/// Progress is in <see cref="Status"/>, in the "rebuild user read model" span and in the rebuild's metrics.
/// </summary>
public sealed class ReadModelRebuild(
    IUserEventHistory history, IReadModelTables tables, IUserProfiles live, IMeterFactory meters, TimeProvider clock, ILogger<ReadModelRebuild> logger)
{
    private const int PageSize = 1_000;

    private readonly Lock gate = new();
    private RebuildStatus status = RebuildStatus.Idle;
    private readonly Counter<long> applied = meters.Create("Platform.ReadModel").CreateCounter<long>(
        "platform.readmodel.rebuild.events", description: "Events applied by read-model rebuilds");

    public RebuildStatus Status
    {
        get
        {
            lock (gate)
                return status;
        }
    }

    /// <summary>Starts a rebuild in the background; false when one is already running.</summary>
    public bool TryStart()
    {
        lock (gate)
        {
            if (status.IsRunning)
                return false;
            status = RebuildStatus.Idle with { State = RebuildState.Replaying, StartedAt = clock.GetUtcNow() };
        }
        _ = Task.Run(RunAsync);
        return true;
    }

    private async Task RunAsync()
    {
        using var activity = Platform.ServiceDefaults.PlatformActivity.Source.StartActivity("rebuild user read model", ActivityKind.Internal, parentContext: default);
        var started = clock.GetTimestamp();
        try
        {
            var shadow = await tables.CreateShadowAsync(CancellationToken.None);
            var position = await ReplayAsync(shadow, after: null, started, CancellationToken.None);

            Update(s => s with { State = RebuildState.Swapping });
            await tables.SwapAsync(async ct => position = await ReplayAsync(shadow, position, started, ct), CancellationToken.None);
            await ReplayAsync(live, position, started, CancellationToken.None);

            Update(s => s with { State = RebuildState.Completed, FinishedAt = clock.GetUtcNow() });
            activity?.SetTag("platform.rebuild.events", Status.EventsApplied);
            logger.LogInformation("Rebuilt the user read model from {Events} events in {Seconds:0.0} s", Status.EventsApplied, clock.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e)
        {
            Update(s => s with { State = RebuildState.Failed, FinishedAt = clock.GetUtcNow(), Error = e.Message });
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            logger.LogError(e, "The user read model rebuild failed; the live model is unchanged unless the swap completed");
        }
    }

    /// <summary>Applies every event after the cursor <paramref name="after"/> to <paramref name="target"/>; returns the cursor it reached.</summary>
    private async Task<string?> ReplayAsync(IUserProfiles target, string? after, long started, CancellationToken ct)
    {
        while (true)
        {
            var page = await history.ReadAsync(after, PageSize, ct);
            foreach (var replayed in page.Events)
                await ApplyAsync(target, replayed, ct);
            after = page.Next;
            applied.Add(page.Events.Count);
            Update(s => s with
            {
                Position = page.Next,
                HighestSequence = page.HighestSequence,
                EventsApplied = s.EventsApplied + page.Events.Count,
                EventsPerSecond = Math.Round((s.EventsApplied + page.Events.Count) / Math.Max(clock.GetElapsedTime(started).TotalSeconds, 0.001), 1),
            });
            if (page.AtEnd)
                return after;
        }
    }

    private static async Task ApplyAsync(IUserProfiles target, ReplayedUserEvent replayed, CancellationToken ct)
    {
        if (replayed.Registered is { } registered)
            await target.AddAsync(registered, ct);
        else if (replayed.EmailChanged is { } changed)
            await target.ApplyAsync(changed, ct);
        else if (replayed.Erased is { } erased)
            await target.EraseAsync(erased, ct);
    }

    private void Update(Func<RebuildStatus, RebuildStatus> change)
    {
        lock (gate)
            status = change(status);
    }
}
