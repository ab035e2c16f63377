using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.EndToEndTests.Infrastructure;
using Platform.ServiceDefaults.Migrations;
using Platform.UserQuery.Infrastructure;

namespace Platform.EndToEndTests.Startup;

/// <summary>
/// The migration mechanism against the platform's PostgreSQL (ADR 0034): a failing migration stops the start with
/// its name and the SQL error and leaves nothing of itself behind; a database made before migrations existed is
/// baselined, its data kept.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MigrationTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_failing_migration_names_itself_and_the_SQL_error_and_rolls_back_whole()
    {
        await using var database = await FreshDatabaseAsync();

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            DatabaseMigrations.ApplyAsync(database.Source, "fixture", typeof(MigrationTests).Assembly, NullLogger.Instance, CancellationToken.None));

        Assert.Contains("V2__a_broken_change.sql", failure.Message);
        Assert.Contains("42P01", failure.Message); // undefined_table
        Assert.Contains("no_such_table", failure.Message);
        Assert.Equal(0L, await database.ScalarAsync(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'migration_fixture' AND column_name = 'label'"));
        Assert.Equal(1L, await database.ScalarAsync(
            $"SELECT count(*) FROM {DatabaseMigrations.ChangelogSchema}.fixture WHERE version = '1' AND success"));
    }

    [Fact]
    public async Task A_database_made_before_migrations_is_baselined_and_keeps_its_data()
    {
        await using var database = await FreshDatabaseAsync();
        // The read model as the service created it before migrations, with a profile in it.
        await database.ExecuteAsync(ReadModelSchema.CreateSql(ReadModelSchema.Live));
        await database.ExecuteAsync($"INSERT INTO {ReadModelSchema.Profiles} (id, name, email, version, created_at, updated_at) " +
                                    "VALUES (gen_random_uuid(), 'Ada', 'ada@example.com', 1, now(), now())");

        var applied = await DatabaseMigrations.ApplyAsync(database.Source, "user-query", typeof(ReadModelSchema).Assembly, NullLogger.Instance, CancellationToken.None);
        var again = await DatabaseMigrations.ApplyAsync(database.Source, "user-query", typeof(ReadModelSchema).Assembly, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(["V1__read_model.sql", "V2__erased_profiles.sql"], applied); // each applies to the older table as it stands
        Assert.Empty(again);
        Assert.Equal(1L, await database.ScalarAsync($"SELECT count(*) FROM {ReadModelSchema.Profiles}"));
    }

    private async Task<ScratchDatabase> FreshDatabaseAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(await platform.App.GetConnectionStringAsync("userquery-db"));
        return await ScratchDatabase.CreateAsync(server.ConnectionString, "migrations");
    }
}
