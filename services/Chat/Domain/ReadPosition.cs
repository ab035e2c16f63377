namespace Platform.Chat.Domain;

/// <summary>
/// A member's receipts in a room, as two positions in its stream: every message up to <see cref="Delivered"/> has
/// reached one of the member's clients, and every one up to <see cref="Read"/> has been read. Kept beside the stream,
/// one per member, not as an event per message per member, which would multiply a room's events by its members and
/// contend on its stream. Positions only go forward, and reading a message delivers it.
/// </summary>
public sealed record ReadPosition(Guid RoomId, Guid UserId, long Delivered, long Read)
{
    public static ReadPosition Start(Guid roomId, Guid userId) => new(roomId, userId, 0, 0);

    /// <summary>
    /// The position after a client's report; a report behind what is known (an older client, a late packet) changes
    /// nothing. A position past the room's version is refused: no client can have seen it.
    /// </summary>
    public ReadPosition Advance(long delivered, long read, long roomVersion)
    {
        ChatRuleBrokenException.ThrowUnless(delivered >= 0 && read >= 0 && delivered <= roomVersion && read <= roomVersion, ChatRule.PositionWithinRoom,
            $"Positions run from 0 to the room's version ({roomVersion}), not delivered {delivered} and read {read}.");
        var newRead = Math.Max(Read, read);
        return this with { Delivered = Math.Max(Math.Max(Delivered, delivered), newRead), Read = newRead };
    }
}

/// <summary>Who has a message and who has read it, from the members' positions: what its sender sees, live.</summary>
public sealed record MessageReceipts(IReadOnlyList<Guid> DeliveredTo, IReadOnlyList<Guid> ReadBy)
{
    /// <summary>The receipts of the message at <paramref name="version"/>, its author left out.</summary>
    public static MessageReceipts Of(long version, Guid author, IEnumerable<ReadPosition> positions)
    {
        var others = positions.Where(position => position.UserId != author).ToList();
        return new MessageReceipts(
            [.. others.Where(position => position.Delivered >= version).Select(position => position.UserId).Order()],
            [.. others.Where(position => position.Read >= version).Select(position => position.UserId).Order()]);
    }
}
