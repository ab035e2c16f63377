using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Platform.AppHost.Infrastructure.LocalProcesses;

public static class LocalPostgresBuilderExtensions
{
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, int? port)
    {
        var server = new LocalPostgresServerResource(name, builder.AppHostDirectory);
        return builder
            .AddLocalServer(server, "postgres-local.sh", dataDirectory, port, "PGPORT",
                ct => CanConnectAsync(server.ConnectionStringExpression, ct))
            .OnResourceReady(CreateDatabasesAsync);
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name, string databaseName)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName, server.Resource);
        var healthCheck = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(healthCheck,
            ct => CanConnectAsync(database.ConnectionStringExpression, ct));

        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.NotStarted,
                Properties = [],
            })
            .WithHealthCheck(healthCheck);
    }

    /// <summary>
    /// Creates each missing database once the server accepts connections. Aspire only moves children of container
    /// resources to Running, so the databases' state is published here; that is what lets services WaitFor them.
    /// </summary>
    private static async Task CreateDatabasesAsync(
        LocalPostgresServerResource server, ResourceReadyEvent ready, CancellationToken cancellationToken)
    {
        var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
        var model = ready.Services.GetRequiredService<DistributedApplicationModel>();
        await using var connection = new NpgsqlConnection(Unpooled(await server.ConnectionStringExpression.GetValueAsync(cancellationToken)));
        await connection.OpenAsync(cancellationToken);

        foreach (var database in model.Resources.OfType<LocalPostgresDatabaseResource>().Where(db => db.Parent == server))
        {
            await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", connection);
            exists.Parameters.AddWithValue(database.DatabaseName);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(database.DatabaseName);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await notifications.PublishUpdateAsync(database, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = TimeProvider.System.GetUtcNow().UtcDateTime,
            });
        }
    }

    private static async Task<HealthCheckResult> CanConnectAsync(ReferenceExpression connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(Unpooled(await connectionString.GetValueAsync(ct)));
        await connection.OpenAsync(ct);
        return HealthCheckResult.Healthy();
    }

    /// <summary>
    /// The AppHost's own checks open a fresh connection each time: a pooled one would outlive a server that was stopped
    /// and started again (a shard's outage), and the next check on it would fail with 57P01 instead of asking the new one.
    /// </summary>
    private static string Unpooled(string? connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
}
