using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Analytics.Infrastructure;
using Platform.Email.Infrastructure.MailLog;
using Platform.EventStore.Outbox;
using Platform.EventStore.UnitOfWork;
using Platform.ServiceDefaults.Migrations;
using Platform.Ordering.Domain;
using Platform.Ordering.Infrastructure;
using Platform.Ordering.Infrastructure.Outbox;
using Platform.UserCommand.Domain;
using Platform.UserCommand.Infrastructure;
using Platform.UserCommand.Infrastructure.Outbox;
using Platform.UserQuery.Infrastructure;

namespace Platform.Hosting.Tests.Monolith;

/// <summary>
/// The monolith's modules share one container (ADR 0053), where a registration made twice fails in silence: the first
/// or the last wins, and a module would migrate, forward or write in another's database. Built here, not started
/// (nothing connects), and looked at: each module has its own data source and migrations, each store its forwarder's
/// watchdog and its history's mapping, and the orders are written in the orders' store.
/// </summary>
public sealed class MonolithWiringTests : IAsyncLifetime
{
    private static readonly string[] Databases =
        [UserCommandDatabase, ReadModelExtensions.DatabaseName, OrderStoreExtensions.DatabaseName, MailLogExtensions.DatabaseName, AnalyticsLayers.DatabaseName, "users-shard-1"];

    private const string UserCommandDatabase = EventStoreExtensions.DatabaseName;
    private WebApplication app = null!;

    public Task InitializeAsync()
    {
        const string nowhere = "http://localhost:1/";
        app = Platform.Monolith.Monolith.Build([
            .. Databases.Select(database => $"--ConnectionStrings:{database}=Host=localhost;Port=1;Database={database.Replace("-", "")};Username=u;Password=p"),
            "--ConnectionStrings:mail=smtp://localhost:1",
            "--Sharding:Ring=users-shard-1",
            $"--Identity:Issuer={nowhere}", $"--Identity:Server={nowhere}", $"--Identity:PublicAddress={nowhere}",
            "--Identity:SigningKey=a-signing-key-long-enough-for-the-tests-0123456789",
            "--Identity:ActivationKey=an-activation-key-long-enough-for-the-tests-0123456789",
            "--Identity:AdminClientSecret=admin-secret", "--Identity:ServicesClientSecret=services-secret",
        ]);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public void Each_module_migrates_its_own_database_and_each_store_has_its_forwarder_s_watchdog()
    {
        var hosted = app.Services.GetServices<IHostedService>().ToList();

        var migrated = hosted.OfType<MigrationRunner>()
            .Select(runner => $"{runner.Service} in {new NpgsqlConnectionStringBuilder(runner.Database.ConnectionString).Database}")
            .Order();
        Assert.Equal(["analytics in analyticsdb", "email in emaildb", "order in orderdb", "user-command in usercommanddb", "user-query in userquerydb"], migrated);
        Assert.Equal(2, hosted.OfType<ForwarderWatchdog>().Count());
    }

    [Fact]
    public void Each_module_has_its_own_data_source()
    {
        foreach (var key in new[] { ReadModelExtensions.DatabaseName, OrderStoreExtensions.DatabaseName, MailLogExtensions.DatabaseName, AnalyticsLayers.DatabaseName })
            Assert.Equal(key.Replace("-", ""), new NpgsqlConnectionStringBuilder(app.Services.GetRequiredKeyedService<NpgsqlDataSource>(key).ConnectionString).Database);
        Assert.Equal(UserCommandDatabase.Replace("-", ""), new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString).Database);
    }

    [Fact]
    public async Task Each_store_s_history_maps_its_own_events_and_orders_are_written_in_the_orders_store()
    {
        Assert.IsType<UserOutboxMessages>(app.Services.GetRequiredKeyedService<IOutboxMessages>(typeof(IDocumentStore)));
        Assert.IsType<OrderOutboxMessages>(app.Services.GetRequiredKeyedService<IOutboxMessages>(typeof(IOrderStore)));
        Assert.NotSame(app.Services.GetRequiredService<IDocumentStore>(), app.Services.GetRequiredService<IOrderStore>());

        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(scope.ServiceProvider.GetService<IStreamSessions>()); // no module writes through a session it did not name
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<IEventSourcedUnitOfWork<Order>>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<IEventSourcedUnitOfWork<User>>());
        Assert.Equal("orders", scope.ServiceProvider.GetRequiredService<OrderSessions>().Session.DocumentStore.Options.DatabaseSchemaName);
    }
}
