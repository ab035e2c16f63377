namespace Platform.UserCommand.Application.RegisteringUser;

/// <summary>What a registration returns: the user and its first version (the ETag), or the earlier answer to the same key.</summary>
public sealed record UserVersion(Guid Id, long Version)
{
    /// <summary>The answer a request with this idempotency key got before; nothing was written this time.</summary>
    public bool Replayed { get; init; }
}
