namespace Platform.UserCommand.Domain;

/// <summary>The first event of every user stream.</summary>
public sealed record UserCreated(Guid UserId, string Name, string Email);
