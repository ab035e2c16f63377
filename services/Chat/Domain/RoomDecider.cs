namespace Platform.Chat.Domain;

/// <summary>
/// The room as a decider: <c>Decide(command, state) → events</c>, refusing a command by the rule it breaks
/// (<see cref="ChatRuleBrokenException"/>), and <c>Evolve(state, event) → state</c>; both pure. A command that asks
/// for what already holds (a resent message, a second join) decides nothing: clients retry, and a retry must not
/// post twice.
/// </summary>
public static class RoomDecider
{
    public static IReadOnlyList<object> Decide(Room.Open command, Room? state)
    {
        var name = Name(command.Name);
        if (state is not null)
        {
            Ensure(state.Kind == RoomKind.Group && state.Name == name && state.HasMember(command.OpenedBy), ChatRule.RoomIdIsUnique,
                $"Another room has the id {command.RoomId}.");
            return []; // the same open, retried
        }
        return [new RoomOpened(command.RoomId, RoomKind.Group, name, command.OpenedBy, [command.OpenedBy], command.At)];
    }

    public static IReadOnlyList<object> Decide(Room.OpenDirect command, Room? state)
    {
        Ensure(command.OpenedBy != command.With, ChatRule.NotWithOneself, "A direct conversation is between two users.");
        if (state is not null)
            return [];
        Guid[] members = command.OpenedBy.CompareTo(command.With) < 0 ? [command.OpenedBy, command.With] : [command.With, command.OpenedBy];
        return [new RoomOpened(command.RoomId, RoomKind.Direct, "", command.OpenedBy, members, command.At)];
    }

    public static IReadOnlyList<object> Decide(Room.Join command, Room? state)
    {
        var room = Group(state);
        return room.HasMember(command.UserId) ? [] : [new MemberJoined(room.Id, command.UserId, command.At)];
    }

    public static IReadOnlyList<object> Decide(Room.Leave command, Room? state)
    {
        var room = Group(state);
        return room.HasMember(command.UserId) ? [new MemberLeft(room.Id, command.UserId, command.At)] : [];
    }

    public static IReadOnlyList<object> Decide(Room.Post command, Room? state)
    {
        var room = MemberOf(state, command.AuthorId);
        var text = Text(command.Text);
        if (command.Existing is { } existing)
        {
            Ensure(existing.RoomId == room.Id && existing.AuthorId == command.AuthorId && existing.Text == text, ChatRule.MessageIdIsUnique,
                $"Another message has the id {command.MessageId}: a resend carries the same room, author and text.");
            return []; // a resend: posted once, at its first version
        }
        return [new MessagePosted(room.Id, command.MessageId, command.AuthorId, text, command.At)];
    }

    public static IReadOnlyList<object> Decide(Room.Edit command, Room? state)
    {
        var message = OwnMessage(state, command.UserId, command.MessageId, command.Message);
        Ensure(!message.Deleted, ChatRule.DeletedMessagesStayDeleted, "A deleted message cannot be edited.");
        var text = Text(command.Text);
        return text == message.Text ? [] : [new MessageEdited(message.RoomId, message.MessageId, text, command.At)];
    }

    public static IReadOnlyList<object> Decide(Room.Delete command, Room? state)
    {
        var message = OwnMessage(state, command.UserId, command.MessageId, command.Message);
        return message.Deleted ? [] : [new MessageDeleted(message.RoomId, message.MessageId, command.At)];
    }

    /// <summary>The state after <paramref name="event"/>; its version counts the events folded, as the stream's does.</summary>
    public static Room Evolve(Room? state, object @event)
    {
        if (state is null)
            return @event is RoomOpened opened
                ? new Room(opened.RoomId, opened.Kind, opened.Name, [.. opened.Members], 1)
                : throw new InvalidOperationException($"A room cannot begin with {@event.GetType().Name}.");
        var next = @event switch
        {
            MemberJoined joined => state with { Members = state.Members.Add(joined.UserId) },
            MemberLeft left => state with { Members = state.Members.Remove(left.UserId) },
            MessagePosted or MessageEdited or MessageDeleted => state,
            _ => throw new InvalidOperationException($"A room cannot evolve by {@event.GetType().Name}."),
        };
        return next with { Version = state.Version + 1 };
    }

    private static Room Existing(Room? state)
    {
        Ensure(state is not null, ChatRule.RoomExists, "There is no such room.");
        return state!;
    }

    private static Room Group(Room? state)
    {
        var room = Existing(state);
        Ensure(room.Kind == RoomKind.Group, ChatRule.DirectConversationsKeepTheirTwo, "Nobody joins or leaves a direct conversation.");
        return room;
    }

    /// <summary>The room, if the user is one of its members: only members read and post.</summary>
    public static Room MemberOf(Room? state, Guid user)
    {
        var room = Existing(state);
        Ensure(room.HasMember(user), ChatRule.MembersOnly, "Only the room's members read and post in it.");
        return room;
    }

    private static PostedMessage OwnMessage(Room? state, Guid user, Guid messageId, PostedMessage? message)
    {
        var room = MemberOf(state, user);
        Ensure(message is not null && message.RoomId == room.Id && message.MessageId == messageId, ChatRule.MessageIsInTheRoom,
            $"The room has no message {messageId}.");
        Ensure(message!.AuthorId == user, ChatRule.OwnMessagesOnly, "Only its author edits or deletes a message.");
        return message;
    }

    private static string Name(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        Ensure(trimmed.Length is > 0 and <= ChatRule.MaxNameLength, ChatRule.RoomIsNamed,
            $"A room needs a name of at most {ChatRule.MaxNameLength} characters.");
        return trimmed;
    }

    /// <summary>The text as posted (its spaces are the author's), if it says something and fits.</summary>
    private static string Text(string? text)
    {
        Ensure(!string.IsNullOrWhiteSpace(text), ChatRule.TextIsNotEmpty, "A message needs some text.");
        Ensure(text!.Length <= ChatRule.MaxTextLength, ChatRule.TextWithinLimit,
            $"A message holds at most {ChatRule.MaxTextLength:N0} characters, not {text.Length:N0}.");
        return text;
    }

    private static void Ensure(bool holds, string rule, string message) => ChatRuleBrokenException.ThrowUnless(holds, rule, message);
}
