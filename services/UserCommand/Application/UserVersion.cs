namespace Platform.UserCommand.Application;

/// <summary>What a command returns: the user it touched and the stream version after it (the ETag).</summary>
public sealed record UserVersion(Guid Id, long Version)
{
    /// <summary>The answer a request with this idempotency key got before; nothing was written this time.</summary>
    public bool Replayed { get; init; }
}
