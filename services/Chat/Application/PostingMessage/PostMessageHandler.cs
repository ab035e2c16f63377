using Platform.Chat.Domain;
using Platform.EventStore.UnitOfWork;

namespace Platform.Chat.Application.PostingMessage;

public sealed record PostMessage(Guid RoomId, Guid MessageId, Guid By, string? Text);

/// <summary>The message's place in the room's order, and whether this post was a resend of one already there.</summary>
public sealed record PostedResult(Guid RoomId, Guid MessageId, long Version, bool Resent);

/// <summary>
/// Posts a member's message under the id its client gave it. A resend finds the message and posts nothing: the
/// answer is the first post's version. Two resends racing both reach the room's stream at one version; the loser's
/// commit fails as a concurrent change (409), and its next resend finds the message. A new message takes one from its
/// author's allowance (<see cref="IPostingRate"/>); over it, nothing is posted.
/// </summary>
public sealed class PostMessageHandler(IEventSourcedUnitOfWork<Room> rooms, IRoomMessages messages, IPostingRate rate, TimeProvider clock)
{
    public async Task<PostedResult> HandleAsync(PostMessage command, CancellationToken ct)
    {
        var existing = await messages.FindAsync(command.MessageId, ct);
        if (existing is null && !rate.TryTake(command.By, out var retryAfter))
            throw new PostingTooFastException(retryAfter);
        var result = await rooms.ChangeAsync(command.RoomId, null,
            room => RoomDecider.Decide(new Room.Post(command.MessageId, command.By, command.Text, clock.GetUtcNow(), existing), room), ct);
        return existing is null
            ? new PostedResult(command.RoomId, command.MessageId, result.Version, Resent: false)
            : new PostedResult(command.RoomId, command.MessageId, existing.Version, Resent: true);
    }
}
