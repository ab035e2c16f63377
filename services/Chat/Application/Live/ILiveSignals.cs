namespace Platform.Chat.Application.Live;

/// <summary>
/// What one instance tells every instance, never stored: typing, moved receipts, presence. (A room's events reach them
/// from the event store's outbox instead, once committed.)
/// </summary>
public interface ILiveSignals
{
    Task TypingAsync(Guid roomId, Guid userId, CancellationToken ct);

    Task ReceiptsMovedAsync(Guid roomId, Guid userId, long delivered, long read, CancellationToken ct);

    /// <summary>A user's first connection to this instance opened, or their last one closed.</summary>
    Task PresenceAsync(Guid userId, bool online, CancellationToken ct);

    /// <summary>Who is connected to this instance now: each instance's heartbeat, so that a silent one's users expire.</summary>
    Task HeartbeatAsync(IReadOnlyCollection<Guid> online, TimeSpan interval, CancellationToken ct);
}
