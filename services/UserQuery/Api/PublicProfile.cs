using Platform.UserQuery.Application;

namespace Platform.UserQuery.Api;

/// <summary>What anyone may see of a user: no email.</summary>
public sealed record PublicProfile(Guid Id, string Name, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PublicProfile Of(UserProfile profile) => new(profile.Id, profile.Name, profile.Version, profile.CreatedAt, profile.UpdatedAt);
}
