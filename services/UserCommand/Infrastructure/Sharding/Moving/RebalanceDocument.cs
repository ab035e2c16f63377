using Platform.UserCommand.Application.ListingShards;

namespace Platform.UserCommand.Infrastructure.Sharding.Moving;

/// <summary>
/// The ring's members, kept in the directory (ADR 0043): set from configuration on the first start, changed only by a
/// rebalance, so a restart serves the ring it left.
/// </summary>
public sealed class ShardRingDocument
{
    public const string TheRing = "ring";

    public string Id { get; set; } = TheRing;

    public List<string> Members { get; set; } = [];
}

/// <summary>
/// A rebalance in the directory, the latest one under <see cref="Latest"/>: the ring it goes to and each bucket it
/// moves, with the step each has reached, so a restart goes on from there. One runs at a time.
/// </summary>
public sealed class RebalanceDocument
{
    public const string Latest = "latest";

    public string Id { get; set; } = Latest;

    public string Kind { get; set; } = "";

    public string Shard { get; set; } = "";

    public List<string> Ring { get; set; } = [];

    public List<BucketMove> Moves { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? Failure { get; set; }

    public List<double> FreezesMs { get; set; } = [];

    public int FreezeRetries { get; set; }

    public bool Running => FinishedAt is null;

    public RebalanceView ToView()
    {
        var freezes = FreezesMs.Order().ToList();
        return new RebalanceView(Kind, Shard, Ring, Moves.Count, Moves.Count(move => move.Step is MoveSteps.Flipped or MoveSteps.Done),
            Moves.Count(move => move.Step == MoveSteps.Done), StartedAt, FinishedAt, Failure,
            new RebalanceTimings(freezes.LastOrDefault(), freezes.Count == 0 ? 0 : freezes[freezes.Count / 2], FreezeRetries));
    }
}

/// <param name="FlippedAt">When the bucket was first served from <see cref="To"/>: its old copy is deleted a grace period later.</param>
public sealed class BucketMove
{
    public int Bucket { get; set; }

    public string From { get; set; } = "";

    public string To { get; set; } = "";

    public string Step { get; set; } = MoveSteps.Pending;

    public DateTimeOffset? FlippedAt { get; set; }

    public BucketMoveView ToView() => new(Bucket, From, To, Step);
}

public static class MoveSteps
{
    public const string Pending = "pending";
    public const string Flipped = "flipped";
    public const string Done = "done";
}
