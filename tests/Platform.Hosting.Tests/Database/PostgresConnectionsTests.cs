using Microsoft.Extensions.Configuration;
using Npgsql;
using Platform.ServiceDefaults;

namespace Platform.Hosting.Tests.Database;

/// <summary>Every PostgreSQL connection string a service is given gets the platform's pool settings (ADR 0055), and only those.</summary>
public sealed class PostgresConnectionsTests
{
    [Fact]
    public void A_postgres_string_gets_no_reset_and_automatic_preparation()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnections.Tuned("Host=db;Port=5432;Username=postgres;Database=orders", reset: false));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(PostgresConnections.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(("db", 5432, "orders"), (tuned.Host, tuned.Port, tuned.Database));
    }

    [Fact]
    public void Asked_for_the_reset_a_string_keeps_npgsql_s_defaults()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnections.Tuned("Host=db;Database=orders", reset: true));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }

    [Fact]
    public void What_a_string_sets_itself_wins()
    {
        var tuned = new NpgsqlConnectionStringBuilder(
            PostgresConnections.Tuned("Host=db;Database=orders;No Reset On Close=false;Max Auto Prepare=5", reset: false));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(5, tuned.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("amqp://guest:guest@localhost:5672")]
    [InlineData("smtp://localhost:2525")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_connection_strings_are_left_alone(string? connectionString) =>
        Assert.Null(PostgresConnections.Tuned(connectionString, reset: false));

    [Fact]
    public void A_process_s_postgres_strings_are_rewritten_in_its_configuration_and_the_others_kept()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:order-db"] = "Host=localhost;Port=54320;Username=postgres;Database=order",
            ["ConnectionStrings:messaging"] = "amqp://guest:guest@localhost:56720",
        }).Build();

        PostgresConnections.ApplyDefaults(configuration);

        Assert.True(new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("order-db")).NoResetOnClose);
        Assert.Equal("amqp://guest:guest@localhost:56720", configuration.GetConnectionString("messaging"));
    }
}
