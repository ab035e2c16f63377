using JasperFx.Events;

namespace Platform.EventStore.Sharding;

/// <summary>
/// The header a bucket's move puts on each event it copies to the target shard: the event was published when it was
/// first appended, so the target's outbox forwarder must not publish it again as new.
/// </summary>
public static class CopiedEvent
{
    public const string Header = "platform-copied";

    public static bool IsCopy(IEvent stored) => stored.Headers?.ContainsKey(Header) == true;
}
