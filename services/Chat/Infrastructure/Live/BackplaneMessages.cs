namespace Platform.Chat.Infrastructure.Live;

// The chat's own messages between its instances (ADR 0051), on the bus and never stored. A room's events travel as
// RoomUpdate, from the event store's outbox; these are what is not an event of a room.

/// <summary>A member is typing in a room.</summary>
public sealed record MemberTyping(Guid RoomId, Guid UserId, DateTimeOffset At);

/// <summary>A member's positions in a room moved forward: what the sender's receipts show.</summary>
public sealed record ReceiptsMoved(Guid RoomId, Guid UserId, long Delivered, long Read, DateTimeOffset At);

/// <summary>A user's first connection to an instance opened, or their last one there closed.</summary>
public sealed record PresenceEdge(string Instance, Guid UserId, bool Online, TimeSpan Interval, DateTimeOffset At);

/// <summary>An instance's heartbeat: who is connected to it now, and how often it beats.</summary>
public sealed record PresenceBeat(string Instance, IReadOnlyList<Guid> Online, TimeSpan Interval, DateTimeOffset At);
