namespace Platform.UserQuery.Application;

/// <summary>The read model of a user: what GET /api/users/{id} returns.</summary>
public sealed record UserProfile(
    Guid Id, string Name, string Email, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
