using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Chat.Application.Live;

namespace Platform.Chat.Infrastructure.Live;

/// <summary>The live signals, published to every instance's endpoint: fire and forget, as nothing of them is stored.</summary>
public sealed class BusLiveSignals(IPublishEndpoint bus, ChatInstance instance, IOptions<PresenceOptions> presence, TimeProvider clock) : ILiveSignals
{
    public Task TypingAsync(Guid roomId, Guid userId, CancellationToken ct) =>
        bus.Publish(new MemberTyping(roomId, userId, clock.GetUtcNow()), ct);

    public Task ReceiptsMovedAsync(Guid roomId, Guid userId, long delivered, long read, CancellationToken ct) =>
        bus.Publish(new ReceiptsMoved(roomId, userId, delivered, read, clock.GetUtcNow()), ct);

    public Task PresenceAsync(Guid userId, bool online, CancellationToken ct) =>
        bus.Publish(new PresenceEdge(instance.Name, userId, online, presence.Value.Interval, clock.GetUtcNow()), ct);

    public Task HeartbeatAsync(IReadOnlyCollection<Guid> online, TimeSpan interval, CancellationToken ct) =>
        bus.Publish(new PresenceBeat(instance.Name, [.. online], interval, clock.GetUtcNow()), ct);
}
