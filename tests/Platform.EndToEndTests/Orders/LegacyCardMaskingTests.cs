using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.EndToEndTests.Infrastructure;
using Platform.Ordering.Domain;
using Platform.Ordering.Infrastructure;
using Platform.Ordering.Infrastructure.Payments;

namespace Platform.EndToEndTests.Orders;

/// <summary>
/// An order submitted before tokenization holds the full card number in its event; the order service masks such
/// events in place, once, with Marten's event data masking (ADR 0035). Run against the running order database.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LegacyCardMaskingTests(PlatformFixture platform)
{
    private const string Number = "4111111111111111";

    [Fact]
    public async Task A_stored_card_number_becomes_its_last_four_digits_and_the_masking_is_recorded_as_done()
    {
        using var order = await OrderServiceParts.BuildAsync(platform);
        var store = order.Services.GetRequiredService<IOrderStore>();
        var database = order.Services.GetRequiredKeyedService<NpgsqlDataSource>(OrderStoreExtensions.DatabaseName);
        var orderId = Guid.NewGuid();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<Order>(orderId,
                new OrderDrafted(orderId, Guid.NewGuid(), "EUR"),
                new ItemAdded(orderId, "pen", 1, 3m, "EUR"),
                new OrderSubmitted(orderId, Guid.NewGuid(), "Old Customer", "old@example.com", [new SubmittedLine("pen", 1)], 3m, "EUR", null,
                    DateTimeOffset.UtcNow) { Card = Number });
            await session.SaveChangesAsync();
        }
        Assert.Contains(Number, await StoredSubmissionAsync(database, orderId)); // as such an order was stored

        await using (var forget = database.CreateCommand("DELETE FROM payments.event_maskings WHERE name = $1"))
        {
            forget.Parameters.Add(new() { Value = LegacyCardMasking.Name });
            await forget.ExecuteNonQueryAsync();
        }
        var masking = ActivatorUtilities.CreateInstance<LegacyCardMasking>(order.Services);
        Assert.True(await masking.MaskAsync(CancellationToken.None));

        var stored = await StoredSubmissionAsync(database, orderId);
        Assert.DoesNotContain(Number, stored);
        Assert.Contains("**** 1111", stored);
        Assert.False(await masking.MaskAsync(CancellationToken.None)); // done once, recorded
    }

    private static async Task<string> StoredSubmissionAsync(NpgsqlDataSource database, Guid orderId)
    {
        await using var command = database.CreateCommand("SELECT data::text FROM orders.mt_events WHERE stream_id = $1 AND type = 'order_submitted'");
        command.Parameters.Add(new() { Value = orderId });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
