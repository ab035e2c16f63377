using System.Text.Json;
using Platform.Functions.Activator.Scaling;

namespace Platform.Functions.Tests;

/// <summary>The deliveries a queue has made, as RabbitMQ's management API answers for it, before and after its first.</summary>
public sealed class QueueDeliveriesTests
{
    [Theory]
    [InlineData("""{"consumers":1,"message_stats":{"deliver_get":42,"deliver_get_details":{"rate":0.0}},"messages":0}""", 42)]
    [InlineData("""{"consumers":0,"message_stats":[],"messages":2481}""", 0)] // no delivery yet: an empty array, not an object
    [InlineData("""{"consumers":0,"messages":0}""", 0)]
    public void The_count_is_the_queues_deliveries_or_zero_before_the_first(string answer, long delivered)
    {
        using var json = JsonDocument.Parse(answer);
        Assert.Equal(delivered, QueueDeliveries.DeliveredCount(json.RootElement));
    }
}
