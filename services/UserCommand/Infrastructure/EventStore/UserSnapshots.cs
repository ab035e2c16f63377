using JasperFx.Events.Projections;

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
}
