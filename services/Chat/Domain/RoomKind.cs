namespace Platform.Chat.Domain;

public enum RoomKind
{
    /// <summary>Named, with members who join and leave.</summary>
    Group,

    /// <summary>Two users, always the same two: its id is theirs (<see cref="DirectConversation"/>).</summary>
    Direct,
}
