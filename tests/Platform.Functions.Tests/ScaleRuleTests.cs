using CsCheck;
using Platform.Functions.Activator.Scaling;

namespace Platform.Functions.Tests;

/// <summary>
/// The activator's scaling rules, as Knative's autoscaler (HTTP) and KEDA's RabbitMQ scaler (queue) state them: what a
/// function's instances come to from its load, its queue and the time since either last asked for one.
/// </summary>
public sealed class ScaleRuleTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private const int Max = 4;

    [Theory]
    [InlineData(0.0, 10, 1)] // no load, within the grace after the last request: the last instance stays
    [InlineData(0.0, 31, 0)] // and goes after it
    [InlineData(0.4, 31, 1)] // any load keeps one
    [InlineData(100.0, 1, 1)] // the target exactly: one
    [InlineData(250.0, 1, 3)] // above it: as many as the target divides the average load into, rounded up
    [InlineData(1_000.0, 1, Max)] // never more than the maximum
    public void Concurrency_wants_the_average_load_over_the_target_and_one_through_the_grace(double averageInFlight, int secondsSinceLastRequest, int wanted) =>
        Assert.Equal(wanted, ScaleRule.ForConcurrency(averageInFlight, 100, TimeSpan.FromSeconds(secondsSinceLastRequest), Grace, Max));

    [Theory]
    [InlineData(1, 0, 1)] // activation: one message starts one instance from zero
    [InlineData(20, 0, 1)]
    [InlineData(21, 1, 2)] // one per 20 messages, rounded up
    [InlineData(41, 2, 3)]
    [InlineData(5_000, 3, Max)] // never more than the maximum
    public void A_queue_with_messages_wants_one_instance_per_queue_length_of_them(long messages, int running, int wanted) =>
        Assert.Equal(wanted, ScaleRule.ForQueue(new QueueReading(true, messages), 20, running, TimeSpan.Zero, Grace, Max));

    [Theory]
    [InlineData(2, 10, 1)] // empty since less than the grace (KEDA's cooldown): one stays
    [InlineData(1, 31, 0)] // empty for longer: none
    [InlineData(0, 0, 0)] // an empty queue never starts one
    public void An_empty_queue_keeps_one_instance_through_the_grace_then_none(int running, int secondsSinceLastMessage, int wanted) =>
        Assert.Equal(wanted, ScaleRule.ForQueue(new QueueReading(true, 0), 20, running, TimeSpan.FromSeconds(secondsSinceLastMessage), Grace, Max));

    [Fact]
    public void A_queue_not_declared_yet_wants_the_one_instance_that_declares_it() =>
        Assert.Equal(1, ScaleRule.ForQueue(QueueReading.Missing, 20, 0, TimeSpan.FromHours(1), Grace, Max));

    [Theory]
    [InlineData(1, 4, 4)] // the queue drained for a moment in a burst: the burst's instances stay through the window
    [InlineData(2, 1, 2)] // more wanted now: more at once
    [InlineData(1, 1, 1)]
    [InlineData(0, 4, 0)] // idle past the cooldown: KEDA deactivates, down to zero at once
    public void A_queue_function_goes_down_only_once_the_whole_window_wanted_fewer(int wantedNow, int mostInWindow, int scaledTo) =>
        Assert.Equal(scaledTo, ScaleRule.Stabilized(wantedNow, mostInWindow));

    [Fact]
    public void Whatever_the_queue_the_rule_stays_within_zero_and_the_maximum_and_serves_any_message() =>
        Gen.Select(Gen.Long[0, 1_000_000], Gen.Int[1, 100], Gen.Int[0, 10], Gen.Int[0, 120], Gen.Int[1, 10])
            .Sample((messages, queueLength, running, idle, max) =>
            {
                var wanted = ScaleRule.ForQueue(new QueueReading(true, messages), queueLength, running, TimeSpan.FromSeconds(idle), Grace, max);
                return wanted >= 0 && wanted <= max && (messages == 0 || wanted >= 1);
            });
}
