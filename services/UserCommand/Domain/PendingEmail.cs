namespace Platform.UserCommand.Domain;

/// <summary>An address asked for at <paramref name="Version"/> (the request's own version, which its code is bound to).</summary>
public sealed record PendingEmail(string Email, long Version, DateTimeOffset RequestedAt);
