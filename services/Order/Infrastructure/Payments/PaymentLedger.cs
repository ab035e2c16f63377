using Npgsql;
using Platform.Ordering.Application.ChargingPayment;

namespace Platform.Ordering.Infrastructure.Payments;

/// <summary>
/// The simulated processor's own record of payments, one row per payment id: the primary key is what makes a
/// charge idempotent, also across a crash and a redelivered step. Its table is the migration V2__payment_ledger.sql.
/// </summary>
public sealed class PaymentLedger([FromKeyedServices(OrderStoreExtensions.DatabaseName)] NpgsqlDataSource database)
{
    /// <summary>Counts a charge request; the answer is the payment's first outcome if it has one.</summary>
    public async Task<PaymentRecord?> CountRequestAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "UPDATE payments.ledger SET charge_requests = charge_requests + 1 WHERE payment_id = $1 RETURNING " + Columns);
        command.Parameters.Add(new() { Value = request.PaymentId });
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>Writes the outcome unless the payment already has one (a concurrent attempt, a void, a charge); returns the one that stands.</summary>
    public async Task<PaymentRecord> SettleAsync(PaymentRequest request, PaymentStatus status, string? detail, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            INSERT INTO payments.ledger (payment_id, order_id, amount, currency, status, charge_requests, detail) VALUES ($1, $2, $3, $4, $5, 1, $6)
            ON CONFLICT (payment_id) DO UPDATE SET charge_requests = payments.ledger.charge_requests
            RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = request.PaymentId });
        command.Parameters.Add(new() { Value = request.OrderId });
        command.Parameters.Add(new() { Value = request.Amount });
        command.Parameters.Add(new() { Value = request.Currency });
        command.Parameters.Add(new() { Value = status.ToString() });
        command.Parameters.Add(new() { Value = (object?)detail ?? DBNull.Value });
        return (await ReadOneAsync(command, cancellationToken))!;
    }

    /// <summary>Refunds a charge; a payment that is not charged (declined, voided, refunded already) stays as it is.</summary>
    public async Task RefundAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "UPDATE payments.ledger SET status = 'Refunded', updated_at = now() WHERE payment_id = $1 AND status = 'Charged'");
        command.Parameters.Add(new() { Value = paymentId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<PaymentRecord?> FindAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM payments.ledger WHERE payment_id = $1");
        command.Parameters.Add(new() { Value = paymentId });
        return await ReadOneAsync(command, cancellationToken);
    }

    private const string Columns = "payment_id, order_id, amount, currency, status, charge_requests, detail";

    private static async Task<PaymentRecord?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new PaymentRecord(reader.GetGuid(0), reader.GetGuid(1), reader.GetDecimal(2), reader.GetString(3),
            Enum.Parse<PaymentStatus>(reader.GetString(4)), reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6));
    }
}
