using MassTransit;
using Platform.Chat.Application.Live;
using Platform.Chat.Application.Presence;

namespace Platform.Chat.Infrastructure.Live;

/// <summary>
/// This instance's half of the backplane (ADR 0051): on an endpoint of its own, it hears every instance's room updates,
/// typing, receipts and presence, and pushes each to its own connections. One message at a time, so a room's updates
/// reach clients in the order the outbox sent them, which is the stream's.
/// </summary>
public sealed class BackplaneConsumer(ILiveClients clients, PresenceTable presence, HearingBeats beats) :
    IConsumer<RoomUpdate>, IConsumer<MemberTyping>, IConsumer<ReceiptsMoved>, IConsumer<PresenceEdge>, IConsumer<PresenceBeat>
{
    public Task Consume(ConsumeContext<RoomUpdate> context) => clients.UpdateAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<MemberTyping> context) =>
        clients.TypingAsync(context.Message.RoomId, context.Message.UserId, context.CancellationToken);

    public Task Consume(ConsumeContext<ReceiptsMoved> context) =>
        clients.ReceiptsAsync(context.Message.RoomId, context.Message.UserId, context.Message.Delivered, context.Message.Read, context.CancellationToken);

    public Task Consume(ConsumeContext<PresenceEdge> context)
    {
        var edge = context.Message;
        return PushAsync(edge.Online
            ? presence.Connected(edge.Instance, edge.UserId, edge.Interval)
            : presence.Disconnected(edge.Instance, edge.UserId), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<PresenceBeat> context) =>
        beats.HandleAsync(context.Message.Instance, [.. context.Message.Online], context.Message.Interval, context.CancellationToken);

    private async Task PushAsync(IReadOnlyList<PresenceChange> changes, CancellationToken ct)
    {
        foreach (var change in changes)
            await clients.PresenceAsync(change, ct);
    }
}
