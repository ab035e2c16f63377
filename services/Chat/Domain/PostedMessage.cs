namespace Platform.Chat.Domain;

/// <summary>
/// A message already in the store under an id, as the room's decisions need it: the room's state keeps its members,
/// not every message (a room's history grows without end), so the application looks the message up and passes it in.
/// </summary>
public sealed record PostedMessage(Guid RoomId, Guid MessageId, Guid AuthorId, string Text, long Version, bool Deleted);
