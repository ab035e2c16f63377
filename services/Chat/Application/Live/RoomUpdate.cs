using Platform.Chat.Domain;

namespace Platform.Chat.Application.Live;

/// <summary>
/// One event of a room's stream as its members' clients receive it, live or when catching up: its version is its
/// place in the room's order, so a client applies each version once, in order, and asks for what lies in a gap.
/// </summary>
/// <param name="Type">opened, joined, left, posted, edited or deleted.</param>
/// <param name="UserId">Who opened, joined, left or posted.</param>
/// <param name="Text">A posted or edited message's text; an opened room's name.</param>
public sealed record RoomUpdate(Guid RoomId, long Version, string Type, Guid? MessageId, Guid? UserId, string? Text, DateTimeOffset At)
{
    public const string Left = "left";

    /// <summary>The update for a room's event at <paramref name="version"/>, or null for a type members are not shown.</summary>
    public static RoomUpdate? Of(object @event, long version) => @event switch
    {
        RoomOpened opened => new(opened.RoomId, version, "opened", null, opened.OpenedBy, opened.Name, opened.At),
        MemberJoined joined => new(joined.RoomId, version, "joined", null, joined.UserId, null, joined.At),
        MemberLeft left => new(left.RoomId, version, Left, null, left.UserId, null, left.At),
        MessagePosted posted => new(posted.RoomId, version, "posted", posted.MessageId, posted.AuthorId, posted.Text, posted.At),
        MessageEdited edited => new(edited.RoomId, version, "edited", edited.MessageId, null, edited.Text, edited.At),
        MessageDeleted deleted => new(deleted.RoomId, version, "deleted", deleted.MessageId, null, null, deleted.At),
        _ => null,
    };

    /// <summary>The event types a room's stream holds, each of which makes an update.</summary>
    public static readonly IReadOnlyCollection<Type> EventTypes =
        [typeof(RoomOpened), typeof(MemberJoined), typeof(MemberLeft), typeof(MessagePosted), typeof(MessageEdited), typeof(MessageDeleted)];
}
