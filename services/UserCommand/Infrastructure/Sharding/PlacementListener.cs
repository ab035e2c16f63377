using Marten;
using Npgsql;
using Platform.ServiceDefaults.Notifications;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// Every process that uses the users' store rereads the buckets' places when a move flips one (the mover notifies
/// <see cref="ChannelName"/> on the directory): a process other than the mover's then reads a moved bucket from its
/// new shard long before the old copy is deleted, 15 s after the flip (ADR 0045). A write from a process that missed
/// the notice is still refused by the bucket's fence.
/// </summary>
public sealed class PlacementListener(NpgsqlDataSource directory, IDocumentStore store, TimeProvider clock, ILogger<PlacementListener> logger)
    : ChannelListener(directory, clock, logger)
{
    public const string ChannelName = "user_bucket_placements";

    protected override string Channel => ChannelName;

    protected override async Task RefreshAsync(CancellationToken ct) => await store.Storage.AllDatabases();

    /// <summary>Tells every listening process that <paramref name="bucket"/> has a new place.</summary>
    public static async Task NotifyAsync(NpgsqlDataSource directory, string bucket, CancellationToken ct)
    {
        await using var notify = directory.CreateCommand($"SELECT pg_notify('{ChannelName}', $1)");
        notify.Parameters.AddWithValue(bucket);
        await notify.ExecuteNonQueryAsync(ct);
    }
}
