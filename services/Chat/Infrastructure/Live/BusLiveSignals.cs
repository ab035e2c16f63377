using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Chat.Application.Live;

namespace Platform.Chat.Infrastructure.Live;

/// <summary>The live signals, published to every instance's endpoint: fire and forget, as nothing of them is stored.</summary>
public sealed class BusLiveSignals(IBus bus, ChatInstance instance, IOptions<PresenceOptions> presence, TimeProvider clock) : ILiveSignals
{
    public Task TypingAsync(Guid roomId, Guid userId, CancellationToken ct) =>
        bus.Publish(new MemberTyping(roomId, userId, clock.GetUtcNow()), ct);

    public Task ReceiptsMovedAsync(Guid roomId, Guid userId, long delivered, long read, CancellationToken ct) =>
        bus.Publish(new ReceiptsMoved(roomId, userId, delivered, read, clock.GetUtcNow()), ct);

    public Task PresenceAsync(Guid userId, bool online, CancellationToken ct) =>
        bus.Publish(new PresenceEdge(instance.Key, userId, online, presence.Value.Interval, clock.GetUtcNow()), ct);

    /// <summary>
    /// Sent under the heartbeat's background span: its id travels in MassTransit's trace header, unsampled, so every
    /// instance's handling of the beat stays off the dashboard too (MassTransit adds none for a span not recorded).
    /// </summary>
    public Task HeartbeatAsync(IReadOnlyCollection<Guid> online, TimeSpan interval, CancellationToken ct) =>
        bus.Publish(new PresenceBeat(instance.Key, [.. online], interval, clock.GetUtcNow()), context =>
        {
            if (Activity.Current?.Id is { } background)
                context.Headers.Set(MassTransit.Logging.DiagnosticHeaders.ActivityId, background);
        }, ct);
}
