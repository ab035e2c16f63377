using Platform.Sharding;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// A user's bucket (ADR 0039): one of 1,024, fixed by a stable hash of the user's id, and the Marten tenant its
/// streams are kept under on whichever shard the directory places it (ADR 0040).
/// </summary>
public static class UserBuckets
{
    public static readonly BucketSpace Space = new();

    public static string TenantOf(int bucket) => $"bucket-{bucket:D4}";

    public static string TenantOf(Guid userId) => TenantOf(Space.BucketOf(userId));
}
