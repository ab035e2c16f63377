using JasperFx.Events;
using Platform.EventStore.Sharding;

namespace Platform.EventStore.Tests.Sharding;

/// <summary>A copied event is known by its header, and only by it: the outbox forwarder skips exactly those.</summary>
public sealed class CopiedEventTests
{
    private sealed record Noted(int Number);

    [Fact]
    public void An_event_is_a_copy_when_a_move_marked_it_and_not_otherwise()
    {
        var appended = new Event<Noted>(new Noted(1));
        var traced = new Event<Noted>(new Noted(2)) { Headers = new Dictionary<string, object> { ["traceparent"] = "00-abc-def-01" } };
        var copied = new Event<Noted>(new Noted(3)) { Headers = new Dictionary<string, object> { [CopiedEvent.Header] = true } };

        Assert.False(CopiedEvent.IsCopy(appended));
        Assert.False(CopiedEvent.IsCopy(traced));
        Assert.True(CopiedEvent.IsCopy(copied));
    }
}
