using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Analytics.Infrastructure.Views;
using Platform.Email.Infrastructure.MailLog;
using Platform.EndToEndTests.Infrastructure;
using Platform.Gateway.Policies;
using Platform.Ordering.Infrastructure.Payments;
using Platform.Ordering.Infrastructure.Stock;
using Platform.UserQuery.Infrastructure;

namespace Platform.EndToEndTests.Startup;

/// <summary>
/// Every service's start-up DDL, run by two instances at the same moment against an empty database, as two
/// user-query instances do on a first start (issue 19: one of them died on 23505 in pg_namespace). Each round gets a
/// fresh database on the platform's PostgreSQL, and every instance has its own connection pool, as a process would.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ConcurrentStartupSchemaTests(PlatformFixture platform)
{
    private const int Rounds = 20;
    private const int InstancesPerService = 2;

    [Fact]
    public async Task Two_instances_of_every_service_create_their_schema_at_once_on_an_empty_database_every_time()
    {
        var server = new NpgsqlConnectionStringBuilder(await platform.App.GetConnectionStringAsync("userquery-db"));
        await using var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString);

        for (var round = 1; round <= Rounds; round++)
        {
            var database = $"startup_race_{Guid.NewGuid():N}";
            await ExecuteAsync(admin, $"CREATE DATABASE {database}");
            var instances = Enumerable.Range(0, InstancesPerService)
                .Select(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database, Pooling = false }.ConnectionString))
                .ToList();
            try
            {
                // Every instance waits at the gate, so each pair starts its DDL together rather than one after the other.
                using var gate = new Barrier(instances.Count * Services(instances[0]).Count);
                var failures = await Task.WhenAll(instances.SelectMany(Services).Select(service => Task.Run(async () =>
                {
                    gate.SignalAndWait(TimeSpan.FromSeconds(30));
                    try
                    {
                        await service.Start(CancellationToken.None);
                        return null;
                    }
                    catch (Exception e)
                    {
                        return $"{service.Name}: {e.Message}";
                    }
                })));

                var failed = failures.OfType<string>().ToList();
                Assert.True(failed.Count == 0, $"round {round}: {string.Join("; ", failed)}");
                Assert.Equal(3L, await ScalarAsync(instances[0], "SELECT count(*) FROM stock.products WHERE product_id = ANY('{book,pen,lamp}')"));
            }
            finally
            {
                foreach (var instance in instances)
                    await instance.DisposeAsync();
                await ExecuteAsync(admin, $"DROP DATABASE {database} WITH (FORCE)");
            }
        }
    }

    /// <summary>What each service runs on start-up, before it serves: its hosted schema services, built as the service builds them.</summary>
    private static IReadOnlyList<(string Name, Func<CancellationToken, Task> Start)> Services(NpgsqlDataSource db)
    {
        var stock = Options.Create(new StockOptions { Products = new() { ["book"] = 10, ["pen"] = 5, ["lamp"] = 1 } });
        IHostedService[] hosted =
        [
            new ReadModelSchema(db, NullLogger<ReadModelSchema>.Instance),
            new MailLogSchema(db),
            new ViewSchema(db),
            new StockSchema(db, stock, NullLogger<StockSchema>.Instance),
            new PaymentLedger(db),
        ];
        return
        [
            .. hosted.Select(service => (service.GetType().Name, (Func<CancellationToken, Task>)service.StartAsync)),
            (nameof(PolicyStore), new PolicyStore(db).CreateSchemaAsync),
        ];
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
