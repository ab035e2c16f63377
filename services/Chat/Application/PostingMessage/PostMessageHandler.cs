using Platform.Chat.Domain;
using Platform.EventStore.UnitOfWork;

namespace Platform.Chat.Application.PostingMessage;

public sealed record PostMessage(Guid RoomId, Guid MessageId, Guid By, string? Text);

/// <summary>The message's place in the room's order, and whether this post was a resend of one already there.</summary>
public sealed record PostedResult(Guid RoomId, Guid MessageId, long Version, bool Resent);

/// <summary>
/// Posts a member's message under the id its client gave it. A resend finds the message and posts nothing: the
/// answer is the first post's version. A new message takes one from its author's allowance (<see cref="IPostingRate"/>);
/// over it, nothing is posted. Members post to a room at once, and each post appends at the room's next version: a
/// post that loses that race is decided again on the room as it now is (the client named no version to keep, and its
/// id makes a second try safe), up to <see cref="Attempts"/> times; a resend racing its first post finds it there.
/// Within an instance a room's posts take turns (<see cref="RoomTurns"/>), so only the instances race each other.
/// Before a new message takes from the allowance, the moderation plugins see it (<see cref="IPostingHooks"/>), and
/// a refusal reaches the sender with the plugin's reason.
/// </summary>
public sealed class PostMessageHandler(
    IEventSourcedUnitOfWork<Room> rooms, IRoomMessages messages, IPostingRate rate, IPostingHooks hooks, RoomTurns turns, TimeProvider clock)
{
    /// <summary>
    /// Two instances with posts queued for one room race for each version as equals, so a post loses n rounds in a row
    /// with a chance of about 2^-n: 8 refused about 1 post in 400 of a burst in the room of 20 (./bench.sh chat); 16
    /// leaves about 1 in 65,000, each lost round costing one read and one append.
    /// </summary>
    public const int Attempts = 16;

    public async Task<PostedResult> HandleAsync(PostMessage command, CancellationToken ct)
    {
        var existing = await messages.FindAsync(command.MessageId, ct);
        // Only a message the rules would take is shown to the plugins: an empty or oversized one is refused by its rule.
        if (existing is null && command.Text is { Length: <= ChatRule.MaxTextLength } text && !string.IsNullOrWhiteSpace(text)
            && await hooks.BeforePostAsync(command.RoomId, command.By, text, ct) is { } refusal)
            throw new ChatRuleBrokenException(ChatRule.ModerationAllows, $"The message was refused by the plugin '{refusal.Plugin}': {refusal.Reason}.");
        if (existing is null && !rate.TryTake(command.By, out var retryAfter))
            throw new PostingTooFastException(retryAfter);
        using var turn = await turns.TakeAsync(command.RoomId, ct); // this instance's posts to the room, one at a time
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await rooms.ChangeAsync(command.RoomId, null,
                    room => RoomDecider.Decide(new Room.Post(command.MessageId, command.By, command.Text, clock.GetUtcNow(), existing), room), ct);
                return existing is null
                    ? new PostedResult(command.RoomId, command.MessageId, result.Version, Resent: false)
                    : new PostedResult(command.RoomId, command.MessageId, existing.Version, Resent: true);
            }
            catch (ConcurrentChangeException) when (attempt < Attempts)
            {
                existing = await messages.FindAsync(command.MessageId, ct); // the winner may have been this message's own resend
            }
        }
    }
}
