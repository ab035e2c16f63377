namespace Platform.UserQuery.Application.CountingUsers;

/// <summary>
/// One user's statistics: GET /api/users/{id}/stats. Every event after a registration is an email change, so the
/// count is the stream version less one, right even when the read model skipped an event that a later one overtook.
/// </summary>
public sealed record UserStatistics(Guid UserId, DateTimeOffset RegisteredAt, long EmailChanges, DateTimeOffset? LastEmailChangeAt)
{
    public static UserStatistics Of(UserProfile profile) => new(
        profile.Id,
        profile.CreatedAt,
        profile.Version - 1,
        profile.Version > 1 ? profile.UpdatedAt : null);
}
