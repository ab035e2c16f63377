using Microsoft.Extensions.Options;
using Npgsql;
using Platform.ServiceDefaults;

namespace Platform.Ordering.Infrastructure.Stock;

/// <summary>The stock module's own tables, created and seeded from configuration when the service starts.</summary>
public sealed class StockSchema(NpgsqlDataSource database, IOptions<StockOptions> options, ILogger<StockSchema> logger) : IHostedService
{
    private const string CreateSql = """
        CREATE SCHEMA IF NOT EXISTS stock;
        CREATE TABLE IF NOT EXISTS stock.products (
            product_id text PRIMARY KEY,
            available integer NOT NULL CHECK (available >= 0),
            reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0));
        CREATE TABLE IF NOT EXISTS stock.reservations (
            order_id uuid PRIMARY KEY,
            lines jsonb NOT NULL,
            reserved_at timestamptz NOT NULL DEFAULT now(),
            released_at timestamptz);
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.ApplySchemaAsync(CreateSql, cancellationToken);

        await using var batch = database.CreateBatch();
        foreach (var (product, quantity) in options.Value.Products)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO stock.products (product_id, available) VALUES ($1, $2) ON CONFLICT (product_id) DO NOTHING")
            {
                Parameters = { new() { Value = product }, new() { Value = quantity } },
            });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        logger.LogInformation("Stock ready: {ProductCount} products configured", options.Value.Products.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
