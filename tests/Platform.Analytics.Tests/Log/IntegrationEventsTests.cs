using System.Text;
using System.Text.Json;
using Platform.Contracts.Orders.V1;
using Platform.Contracts.Users.V1;
using Platform.Analytics.Domain;
using Platform.Analytics.Infrastructure.Log;

namespace Platform.Analytics.Tests.Log;

/// <summary>What the log holds is MassTransit's JSON envelope; analytics reads its id, its type and its message.</summary>
public sealed class IntegrationEventsTests
{
    [Fact]
    public void A_registration_is_read_with_its_message_id_and_its_own_time()
    {
        var read = IntegrationEvents.Read(Envelope("00000000-0000-0000-0000-0000000000a1", "Platform.Contracts.Users.V1:UserRegistered",
            """{"userId":"00000000-0000-0000-0000-0000000000b2","name":"Ada","email":"ada@example.com","version":1,"occurredAt":"2026-11-26T10:15:42.5+00:00"}"""));

        Assert.Equal(new AnalyticsEvent(Guid.Parse("00000000-0000-0000-0000-0000000000a1"), EventKind.UserRegistered,
            Guid.Parse("00000000-0000-0000-0000-0000000000b2"), DateTimeOffset.Parse("2026-11-26T10:15:42.5+00:00")), read);
    }

    [Fact]
    public void A_confirmed_order_carries_its_total_and_currency()
    {
        var read = IntegrationEvents.Read(Envelope("00000000-0000-0000-0000-0000000000c3", "Platform.Contracts.Orders.V1:OrderConfirmed",
            """{"orderId":"00000000-0000-0000-0000-0000000000d4","userId":"00000000-0000-0000-0000-0000000000b2","customerName":"Ada","customerEmail":"ada@example.com","total":25.50,"currency":"EUR","confirmedAt":"2026-11-26T10:16:00Z"}"""));

        Assert.Equal(EventKind.OrderConfirmed, read!.Kind);
        Assert.Equal(25.50m, read.Amount);
        Assert.Equal("EUR", read.Currency);
    }

    [Fact]
    public void A_message_analytics_does_not_count_is_skipped() =>
        Assert.Null(IntegrationEvents.Read(Envelope("00000000-0000-0000-0000-0000000000e5", "Platform.Contracts.Orders.V1:CustomerNotified",
            """{"orderId":"00000000-0000-0000-0000-0000000000d4","notice":"order-confirmed","recipient":"ada@example.com","notifiedAt":"2026-11-26T10:16:01Z"}""")));

    [Fact]
    public void The_log_is_bound_to_each_counted_event_s_exchange() =>
        Assert.Equal(["Platform.Contracts.Users.V1:UserRegistered", "Platform.Contracts.Users.V1:UserEmailChanged",
            "Platform.Contracts.Orders.V1:OrderPlaced", "Platform.Contracts.Orders.V1:OrderConfirmed", "Platform.Contracts.Orders.V1:OrderCancelled"],
            IntegrationEvents.Exchanges);

    [Fact]
    public void A_placed_order_counts_at_its_own_time_with_no_revenue_yet()
    {
        var read = IntegrationEvents.Read(Envelope("00000000-0000-0000-0000-0000000000f6", "Platform.Contracts.Orders.V1:OrderPlaced",
            """{"orderId":"00000000-0000-0000-0000-0000000000d5","userId":"00000000-0000-0000-0000-0000000000a7","total":25.0,"currency":"EUR","placedAt":"2026-11-26T10:15:00.5Z"}"""));
        Assert.Equal(EventKind.OrderPlaced, read!.Kind);
        Assert.Equal(Guid.Parse("00000000-0000-0000-0000-0000000000a7"), read.UserId);
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T10:15:00.5Z"), read.OccurredAt);
        Assert.Equal(0m, read.Amount); // revenue is the confirmed orders' only
    }

    public static TheoryData<object> Counted() => new()
    {
        new UserRegistered(Guid.NewGuid(), "Ada", "ada@example.com", 1, DateTimeOffset.Parse("2026-11-26T10:15:42.5+00:00")),
        new UserEmailChanged(Guid.NewGuid(), "ada@example.com", "ada@example.org", 3, DateTimeOffset.Parse("2026-11-26T10:15:43Z")),
        new OrderPlaced(Guid.NewGuid(), Guid.NewGuid(), 12.5m, "EUR", DateTimeOffset.Parse("2026-11-26T10:15:44Z")),
        new OrderConfirmed(Guid.NewGuid(), Guid.NewGuid(), "Ada", "ada@example.com", 12.5m, "EUR", DateTimeOffset.Parse("2026-11-26T10:15:45Z")),
        new OrderCancelled(Guid.NewGuid(), Guid.NewGuid(), "Ada", "ada@example.com", "declined", DateTimeOffset.Parse("2026-11-26T10:15:46Z")),
    };

    /// <summary>The monolith's speed layer hears the message itself on its bus (ADR 0053); it must count as the log's envelope does.</summary>
    [Theory]
    [MemberData(nameof(Counted))]
    public void A_message_heard_on_the_bus_counts_as_its_envelope_in_the_log(object message)
    {
        var id = Guid.NewGuid();
        var type = $"{message.GetType().Namespace}:{message.GetType().Name}";
        var fromLog = IntegrationEvents.Read(Envelope(id.ToString(), type, JsonSerializer.Serialize(message, message.GetType(), JsonSerializerOptions.Web)));

        Assert.NotNull(fromLog);
        Assert.Equal(fromLog, IntegrationEvents.From(id, message));
    }

    [Fact]
    public void A_message_heard_on_the_bus_that_analytics_does_not_count_is_skipped() =>
        Assert.Null(IntegrationEvents.From(Guid.NewGuid(), new CustomerNotified(Guid.NewGuid(), "order-confirmed", "ada@example.com", DateTimeOffset.UtcNow)));

    /// <summary>An envelope as MassTransit writes it (application/vnd.masstransit+json), around <paramref name="message"/>.</summary>
    private static byte[] Envelope(string messageId, string type, string message) => Encoding.UTF8.GetBytes(
        $"{{\"messageId\":\"{messageId}\",\"conversationId\":\"{Guid.NewGuid()}\",\"sourceAddress\":\"rabbitmq://localhost/x\"," +
        $"\"destinationAddress\":\"rabbitmq://localhost/{type}\",\"messageType\":[\"urn:message:{type}\"],\"message\":{message}," +
        "\"sentTime\":\"2026-11-26T10:16:02Z\",\"headers\":{},\"host\":{\"machineName\":\"m\"}}");
}
