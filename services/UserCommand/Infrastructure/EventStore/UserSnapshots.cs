using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Infrastructure.EventStore;

/// <summary>
/// The snapshot policy, EventStore:UserSnapshots (ADR 0011): Async (default: the async daemon keeps each user's
/// snapshot, a load applies the few events after it), Inline (the snapshot is written with every append), or None.
/// </summary>
public static class UserSnapshots
{
    public const string Setting = "EventStore:UserSnapshots";

    public static SnapshotLifecycle? Lifecycle(IConfiguration configuration) =>
        (configuration[Setting] ?? "Async") switch
        {
            "Async" => SnapshotLifecycle.Async,
            "Inline" => SnapshotLifecycle.Inline,
            "None" => null,
            var other => throw new InvalidOperationException($"{Setting} is '{other}'; use Async, Inline or None."),
        };

    /// <summary>
    /// Registers the users' snapshots under <paramref name="lifecycle"/> (none where null). Inline, the appends are
    /// rich: a quick append (Marten 9's default) leaves an inline snapshot's version 0, which <c>./bench.sh snapshots</c>
    /// found against a replay. The async daemon reads the versions back from the stored events, so quick appends stay
    /// where it keeps the snapshots.
    /// </summary>
    public static void Register(StoreOptions options, SnapshotLifecycle? lifecycle)
    {
        if (lifecycle is not { } kept)
            return;
        if (kept == SnapshotLifecycle.Inline)
            options.Events.AppendMode = EventAppendMode.Rich;
        options.Projections.Snapshot<User>(kept);
    }
}
