using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Analytics.Infrastructure;
using Platform.Email.Infrastructure.MailLog;
using Platform.EndToEndTests.Infrastructure;
using Platform.Gateway.Policies;
using Platform.Ordering.Infrastructure;
using Platform.Ordering.Infrastructure.Stock;
using Platform.ServiceDefaults.Migrations;
using Platform.UserQuery.Infrastructure;

namespace Platform.EndToEndTests.Startup;

/// <summary>
/// Every service's start-up migrations, run by two instances at the same moment against an empty database, as two
/// user-query instances do on a first start (issue 19: one of them died on 23505 in pg_namespace; ADR 0030, then 0034:
/// Evolve's lock must keep that property). Each round gets a fresh database on the platform's PostgreSQL, shared by
/// every service's migrations (each keeps its own changelog), and every instance has its own connection pool.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ConcurrentStartupSchemaTests(PlatformFixture platform)
{
    private const int Rounds = 20;
    private const int InstancesPerService = 2;

    [Fact]
    public async Task Two_instances_of_every_service_create_their_schema_at_once_on_an_empty_database_every_time()
    {
        var server = await platform.App.GetConnectionStringAsync("userquery-db");
        for (var round = 1; round <= Rounds; round++)
        {
            await using var database = await ScratchDatabase.CreateAsync(server!, "startup_race");
            var instances = Enumerable.Range(0, InstancesPerService).Select(_ => database.Connect()).ToList();

            // Every instance waits at the gate, so each pair starts its migrations together rather than one after the other.
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
            Assert.Equal(3L, await database.ScalarAsync("SELECT count(*) FROM stock.products WHERE product_id = ANY('{book,pen,lamp}')"));
        }
    }

    /// <summary>What each service runs on start-up, before it serves: its migrations (and the order service's stock seed), as the service runs them.</summary>
    private static IReadOnlyList<(string Name, Func<CancellationToken, Task> Start)> Services(NpgsqlDataSource db)
    {
        var stock = Options.Create(new StockOptions { Products = new() { ["book"] = 10, ["pen"] = 5, ["lamp"] = 1 } });
        Func<CancellationToken, Task> Migrate(string service, System.Reflection.Assembly migrations) =>
            ct => DatabaseMigrations.ApplyAsync(db, service, migrations, NullLogger.Instance, ct);
        return
        [
            ("user-query", Migrate("user-query", typeof(ReadModelSchema).Assembly)),
            ("email", Migrate("email", typeof(MailLogSchema).Assembly)),
            ("analytics", Migrate("analytics", typeof(AnalyticsLayers).Assembly)),
            ("order", async ct =>
            {
                await Migrate("order", typeof(OrderStoreExtensions).Assembly)(ct);
                await new StockSeed(db, stock, NullLogger<StockSeed>.Instance).StartAsync(ct);
            }),
            ("gateway", Migrate("gateway", typeof(PolicyStore).Assembly)),
        ];
    }
}
