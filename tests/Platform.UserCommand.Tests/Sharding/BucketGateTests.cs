using Platform.UserCommand.Infrastructure.Sharding.Moving;

namespace Platform.UserCommand.Tests.Sharding;

/// <summary>The write freeze of a bucket's move (ADR 0043): it waits for the writes in the bucket, holds new ones back, and lets them go on after.</summary>
public sealed class BucketGateTests
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(2);
    private readonly BucketGate gate = new(TimeProvider.System);

    [Fact]
    public async Task A_freeze_begins_only_once_the_writes_already_in_the_bucket_have_ended()
    {
        var write = await gate.EnterAsync("bucket-0001", default);
        var freezing = gate.FreezeAsync("bucket-0001", Drain, default);
        await Task.Delay(100);
        Assert.False(freezing.IsCompleted);

        write.Dispose();
        using var frozen = await freezing;
        Assert.NotNull(frozen);
        Assert.True(gate.IsFrozen("bucket-0001"));
    }

    [Fact]
    public async Task A_write_to_a_frozen_bucket_waits_and_goes_on_when_the_freeze_ends_while_other_buckets_are_not_held_back()
    {
        var frozen = await gate.FreezeAsync("bucket-0001", Drain, default);
        var waiting = gate.EnterAsync("bucket-0001", default);
        using (await gate.EnterAsync("bucket-0002", default).WaitAsync(TimeSpan.FromSeconds(1)))
        {
        }
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        frozen!.Dispose();
        using var write = await waiting.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.False(gate.IsFrozen("bucket-0001"));
    }

    [Fact]
    public async Task A_write_is_told_to_retry_when_the_freeze_outlasts_its_wait()
    {
        using var frozen = await gate.FreezeAsync("bucket-0001", Drain, default);
        var refused = await Assert.ThrowsAsync<BucketMovingException>(() => gate.EnterAsync("bucket-0001", default));
        Assert.Equal("bucket-0001", refused.Bucket);
    }

    [Fact]
    public async Task A_freeze_the_writes_do_not_leave_room_for_gives_up_and_lets_new_writes_in()
    {
        using var write = await gate.EnterAsync("bucket-0001", default);
        Assert.Null(await gate.FreezeAsync("bucket-0001", TimeSpan.FromMilliseconds(100), default));
        Assert.False(gate.IsFrozen("bucket-0001"));
        using var next = await gate.EnterAsync("bucket-0001", default).WaitAsync(TimeSpan.FromSeconds(1));
    }
}
