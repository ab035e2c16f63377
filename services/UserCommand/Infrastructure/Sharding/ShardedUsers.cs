using Marten;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>A user's current state read from its bucket on its shard, outside any request's unit of work.</summary>
public sealed class ShardedUsers(IDocumentStore store)
{
    public async Task<User?> LoadAsync(Guid userId, CancellationToken ct)
    {
        await using var session = store.QuerySession(UserBuckets.TenantOf(userId));
        return await session.Events.AggregateStreamAsync<User>(userId, token: ct);
    }

    /// <summary>Whether the user's stream has <paramref name="email"/> as the user's address now.</summary>
    public async Task<bool> HasEmailAsync(Guid userId, string email, CancellationToken ct) =>
        await LoadAsync(userId, ct) is { Erased: false } user && user.Email == email;
}
