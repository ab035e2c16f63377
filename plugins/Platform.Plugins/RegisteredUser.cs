namespace Platform.Plugins;

/// <summary>A user whose registration was recorded.</summary>
public sealed record RegisteredUser(Guid Id, string Name, string Email);
