using Platform.Functions.Activator.Scaling;

namespace Platform.Functions.Tests;

/// <summary>The autoscaler's wait after failed instances: none at first, doubling from a second to a minute, counted again after a quiet minute.</summary>
public sealed class StartBackoffTests
{
    private static TimeSpan At(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Before_any_failure_a_start_may_go_at_once()
    {
        var backoff = new StartBackoff();
        Assert.True(backoff.MayStart(At(0)));
        Assert.Equal(TimeSpan.Zero, backoff.Delay);
    }

    [Fact]
    public void Each_failure_in_a_row_doubles_the_wait_up_to_a_minute()
    {
        var backoff = new StartBackoff();
        var now = At(100);
        var waits = new List<double>();
        for (var failure = 0; failure < 9; failure++)
        {
            backoff.Failed(now);
            waits.Add(backoff.Delay.TotalSeconds);
            Assert.False(backoff.MayStart(now + backoff.Delay - TimeSpan.FromMilliseconds(1)));
            Assert.True(backoff.MayStart(now + backoff.Delay));
            now += backoff.Delay;
        }
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], waits);
    }

    [Fact]
    public void A_failure_a_minute_after_the_last_wait_counts_from_one_again()
    {
        var backoff = new StartBackoff();
        for (var failure = 0; failure < 5; failure++)
            backoff.Failed(At(10)); // waits 16 s, until 26 s
        backoff.Failed(At(26) + StartBackoff.Longest - TimeSpan.FromMilliseconds(1));
        Assert.Equal(6, backoff.Failures); // still in a row
        backoff.Failed(At(1_000));
        Assert.Equal(1, backoff.Failures);
        Assert.Equal(StartBackoff.First, backoff.Delay);
    }
}
