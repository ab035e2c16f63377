using Marten;
using Marten.Events;
using Npgsql;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Infrastructure.Payments;

/// <summary>
/// Orders submitted before tokenization carry the full card number in their <see cref="OrderSubmitted"/> event. Once,
/// after the first start with tokenization, this applies the order store's masking rule (the number becomes its last
/// four digits, <see cref="Erasure.OrderStoreMasking"/>) to every such event, in place, with Marten's event data masking;
/// <c>payments.event_maskings</c> records that it is done (ADR 0035).
/// </summary>
public sealed class LegacyCardMasking(IOrderStore store, [FromKeyedServices(OrderStoreExtensions.DatabaseName)] NpgsqlDataSource database, ILogger<LegacyCardMasking> logger) : BackgroundService
{
    public const string Name = "order-submitted-card-numbers";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await MaskAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Masking the card numbers of orders submitted before tokenization failed; the next start tries again");
        }
    }

    /// <returns>Whether it masked now (false: it was done before).</returns>
    public async Task<bool> MaskAsync(CancellationToken ct)
    {
        await using (var done = database.CreateCommand("SELECT EXISTS (SELECT 1 FROM payments.event_maskings WHERE name = $1)"))
        {
            done.Parameters.Add(new() { Value = Name });
            if (await done.ExecuteScalarAsync(ct) is true)
                return false;
        }

        await store.Advanced.ApplyEventDataMasking(masking => masking.IncludeEvents(e => e.EventTypesAre(typeof(OrderSubmitted))), ct);

        await using var record = database.CreateCommand("INSERT INTO payments.event_maskings (name) VALUES ($1) ON CONFLICT DO NOTHING");
        record.Parameters.Add(new() { Value = Name });
        await record.ExecuteNonQueryAsync(ct);
        logger.LogInformation("The card numbers of orders submitted before tokenization are masked to their last four digits");
        return true;
    }
}
