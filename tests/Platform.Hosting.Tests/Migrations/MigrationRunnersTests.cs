using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.ServiceDefaults.Migrations;

namespace Platform.Hosting.Tests.Migrations;

/// <summary>
/// A process of several modules (the monolith shape) runs each module's migrations, each on its own database: the
/// runners are not folded into one, and a module's runner takes its data source by key.
/// </summary>
public sealed class MigrationRunnersTests
{
    [Fact]
    public void Each_module_has_its_runner_on_its_own_data_source()
    {
        var builder = Host.CreateApplicationBuilder();
        using var orders = NpgsqlDataSource.Create("Host=orders.invalid");
        using var mails = NpgsqlDataSource.Create("Host=mails.invalid");
        builder.Services.AddKeyedSingleton("order-db", orders);
        builder.Services.AddKeyedSingleton("email-db", mails);
        builder.AddDatabaseMigrations("order", typeof(MigrationRunnersTests).Assembly, "order-db");
        builder.AddDatabaseMigrations("email", typeof(MigrationRunnersTests).Assembly, "email-db");

        using var services = builder.Services.BuildServiceProvider();
        // No unkeyed data source is registered: a runner that asked for one would throw here.
        Assert.Equal([("order", orders), ("email", mails)], services.GetServices<IHostedService>().OfType<MigrationRunner>().Select(runner => (runner.Service, runner.Database)));
    }
}
