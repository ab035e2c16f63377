namespace Platform.Chat.Domain;

// A room's stream (one per room): its version orders the messages, and a client resumes from the last version it saw.

/// <summary>A room was opened: a group by its first member, or a direct conversation between two users.</summary>
public sealed record RoomOpened(Guid RoomId, RoomKind Kind, string Name, Guid OpenedBy, IReadOnlyList<Guid> Members, DateTimeOffset At);

public sealed record MemberJoined(Guid RoomId, Guid UserId, DateTimeOffset At);

public sealed record MemberLeft(Guid RoomId, Guid UserId, DateTimeOffset At);

/// <summary>A message, under the id its client gave it: a resend with that id is the same message.</summary>
public sealed record MessagePosted(Guid RoomId, Guid MessageId, Guid AuthorId, string Text, DateTimeOffset At);

public sealed record MessageEdited(Guid RoomId, Guid MessageId, string Text, DateTimeOffset At);

/// <summary>The message's text is gone from what members read; its place in the room's order stays.</summary>
public sealed record MessageDeleted(Guid RoomId, Guid MessageId, DateTimeOffset At);
