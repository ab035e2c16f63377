using Platform.Chat.Domain;
using Platform.EventStore.UnitOfWork;

namespace Platform.Chat.Application.OpeningDirectConversation;

public sealed record OpenDirectConversation(Guid By, Guid With);

/// <summary>The conversation, and whether this call opened it (the other user, or an earlier call, may have).</summary>
public sealed record OpenedConversation(StreamVersion Room, bool Opened);

/// <summary>
/// Opens two users' direct conversation, or finds it: its id is theirs (ADR 0050), so two users opening it at once
/// on two instances race to start one stream, and the one that loses finds the winner's.
/// </summary>
public sealed class OpenDirectConversationHandler(IEventSourcedUnitOfWork<Room> unitOfWork, IRooms rooms, TimeProvider clock)
{
    public async Task<OpenedConversation> HandleAsync(OpenDirectConversation command, CancellationToken ct)
    {
        var open = new Room.OpenDirect(command.By, command.With, clock.GetUtcNow());
        var existing = await rooms.FindAsync(open.RoomId, ct);
        if (RoomDecider.Decide(open, existing) is not { Count: > 0 } opened)
            return new OpenedConversation(new StreamVersion(open.RoomId, existing!.Version), false);
        try
        {
            return new OpenedConversation(await unitOfWork.StartAsync(open.RoomId, opened, ct), true);
        }
        catch (ConcurrentChangeException)
        {
            var winner = await rooms.FindAsync(open.RoomId, ct) ?? throw new InvalidOperationException($"The conversation {open.RoomId} was started and is not there.");
            return new OpenedConversation(new StreamVersion(open.RoomId, winner.Version), false);
        }
    }
}
