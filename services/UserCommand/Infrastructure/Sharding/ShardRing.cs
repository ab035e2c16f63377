using Platform.Sharding;
using Platform.UserCommand.Infrastructure.Sharding.Moving;
using Platform.UserCommand.Infrastructure.UserDirectory;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// The shards on the consistent-hash ring now: read from the directory before the service serves (the first start
/// writes the configured <see cref="UserShards.Ring"/> there), and changed by a rebalance (ADR 0043).
/// </summary>
public sealed class ShardRing(UserShards shards, IUserDirectory directory)
{
    private volatile IReadOnlyList<string> members = shards.Ring;

    public IReadOnlyList<string> Members => members;

    public ConsistentHashRing Map() => UserBuckets.Space.Ring(members, shards.VirtualNodes);

    /// <summary>The ring the directory keeps; on the first start, the configured one, which it then keeps.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await using var session = directory.LightweightSession();
        if (await session.LoadAsync<ShardRingDocument>(ShardRingDocument.TheRing, ct) is { } kept)
        {
            members = kept.Members;
            return;
        }
        session.Insert(new ShardRingDocument { Members = [.. shards.Ring] });
        await session.SaveChangesAsync(ct);
    }

    /// <summary>The ring a rebalance moves to, written in the same directory session as the rebalance itself.</summary>
    public void Change(IReadOnlyList<string> ring) => members = ring;
}
