using System.Text.Json;
using Npgsql;
using Platform.Ordering.Application.ReservingStock;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Infrastructure.Stock;

/// <summary>
/// Stock in its own tables. A reservation takes every line in one transaction, each with a conditional update that
/// cannot go below zero, so concurrent orders never oversell; the reservation row keyed by order makes a repeated
/// reserve or release a no-op.
/// </summary>
public sealed class PostgresStock([FromKeyedServices(OrderStoreExtensions.DatabaseName)] NpgsqlDataSource database) : IStock
{
    public async Task<StockReservation> ReserveAsync(Guid orderId, IReadOnlyList<SubmittedLine> lines, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var claim = new NpgsqlCommand(
            "INSERT INTO stock.reservations (order_id, lines) VALUES ($1, $2::jsonb) ON CONFLICT (order_id) DO NOTHING", connection, transaction))
        {
            claim.Parameters.Add(new() { Value = orderId });
            claim.Parameters.Add(new() { Value = JsonSerializer.Serialize(lines) });
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
                return new StockReservation(true); // reserved before: this is a redelivery
        }

        // A fixed order of products: two orders never wait on each other's rows in a cycle.
        foreach (var line in lines.OrderBy(line => line.ProductId, StringComparer.Ordinal))
        {
            await using var take = new NpgsqlCommand("""
                UPDATE stock.products SET available = available - $2, reserved = reserved + $2
                WHERE product_id = $1 AND available >= $2
                """, connection, transaction);
            take.Parameters.Add(new() { Value = line.ProductId });
            take.Parameters.Add(new() { Value = line.Quantity });
            if (await take.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                var level = await FindAsync(line.ProductId, cancellationToken);
                return new StockReservation(false, line.ProductId, line.Quantity, level?.Available ?? 0);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new StockReservation(true);
    }

    public async Task ReleaseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        string? reserved;
        await using (var release = new NpgsqlCommand(
            "UPDATE stock.reservations SET released_at = now() WHERE order_id = $1 AND released_at IS NULL RETURNING lines::text", connection, transaction))
        {
            release.Parameters.Add(new() { Value = orderId });
            reserved = await release.ExecuteScalarAsync(cancellationToken) as string;
        }
        if (reserved is null)
            return; // never reserved, or released already

        foreach (var line in JsonSerializer.Deserialize<SubmittedLine[]>(reserved)!.OrderBy(line => line.ProductId, StringComparer.Ordinal))
        {
            await using var putBack = new NpgsqlCommand(
                "UPDATE stock.products SET available = available + $2, reserved = reserved - $2 WHERE product_id = $1", connection, transaction);
            putBack.Parameters.Add(new() { Value = line.ProductId });
            putBack.Parameters.Add(new() { Value = line.Quantity });
            await putBack.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<StockLevel?> FindAsync(string productId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT available, reserved FROM stock.products WHERE product_id = $1");
        command.Parameters.Add(new() { Value = productId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StockLevel(productId, reader.GetInt32(0), reader.GetInt32(1)) : null;
    }
}
