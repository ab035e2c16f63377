namespace Platform.UserCommand.Infrastructure.Sharding.Moving;

/// <summary>
/// The write freeze of a bucket's move (ADR 0043), in the one user-command process that writes the sharded store.
/// A write holds its bucket from the session it opens until its request ends; a move freezes the bucket: new writes
/// wait, up to <see cref="WriteWait"/> (then <see cref="BucketMovingException"/>, a retryable 503: <see cref="ShardOutageProblemHandler"/>), and the freeze
/// begins once the writes already in it have ended. Reads never wait.
/// </summary>
public sealed class BucketGate(TimeProvider clock)
{
    /// <summary>How long a write waits for a frozen bucket before it is told to retry.</summary>
    public static readonly TimeSpan WriteWait = TimeSpan.FromSeconds(3);

    private readonly Lock sync = new();
    private readonly Dictionary<string, Bucket> buckets = [];

    /// <summary>Holds the bucket for a write; disposing the lease lets a freeze begin.</summary>
    public async Task<IDisposable> EnterAsync(string bucket, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + WriteWait;
        while (true)
        {
            Task thawed;
            lock (sync)
            {
                var state = StateOf(bucket);
                if (state.Frozen is null)
                {
                    state.Writers++;
                    return new Release(() => Leave(bucket));
                }
                thawed = state.Frozen.Task;
            }
            var left = deadline - clock.GetUtcNow();
            if (left <= TimeSpan.Zero || await Task.WhenAny(thawed, Task.Delay(left, clock, ct)) != thawed)
            {
                ct.ThrowIfCancellationRequested();
                throw new BucketMovingException(bucket);
            }
        }
    }

    /// <summary>
    /// Freezes the bucket once its current writes have ended (waiting at most <paramref name="drainWithin"/>, else
    /// null: the move tries again later); disposing the freeze lets the waiting writes go on.
    /// </summary>
    public async Task<IDisposable?> FreezeAsync(string bucket, TimeSpan drainWithin, CancellationToken ct)
    {
        TaskCompletionSource drained;
        lock (sync)
        {
            var state = StateOf(bucket);
            state.Frozen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            state.Drained = drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (state.Writers == 0)
                drained.TrySetResult();
        }
        var freeze = new Release(() => Thaw(bucket));
        if (await Task.WhenAny(drained.Task, Task.Delay(drainWithin, clock, ct)) == drained.Task)
            return freeze;
        freeze.Dispose();
        ct.ThrowIfCancellationRequested();
        return null;
    }

    public bool IsFrozen(string bucket)
    {
        lock (sync)
            return buckets.TryGetValue(bucket, out var state) && state.Frozen is not null;
    }

    private Bucket StateOf(string bucket)
    {
        if (!buckets.TryGetValue(bucket, out var state))
            buckets[bucket] = state = new Bucket();
        return state;
    }

    private void Leave(string bucket)
    {
        lock (sync)
        {
            var state = buckets[bucket];
            if (--state.Writers == 0)
                state.Drained?.TrySetResult();
        }
    }

    private void Thaw(string bucket)
    {
        lock (sync)
        {
            var state = buckets[bucket];
            var frozen = state.Frozen;
            (state.Frozen, state.Drained) = (null, null);
            frozen?.TrySetResult();
        }
    }

    private sealed class Bucket
    {
        public int Writers;
        public TaskCompletionSource? Frozen;
        public TaskCompletionSource? Drained;
    }

    /// <summary>Runs its release once, however often it is disposed.</summary>
    private sealed class Release(Action release) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
                release();
        }
    }
}

/// <summary>A write to a bucket that stayed frozen by its move longer than a write waits: retry shortly (503, Retry-After).</summary>
public sealed class BucketMovingException(string bucket)
    : Exception($"The user's bucket {bucket} is being moved to another shard; the write was not made.")
{
    public string Bucket { get; } = bucket;
}
