using System.Reflection;
using EvolveDb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.ServiceDefaults.Migrations;

/// <summary>
/// A service's tables outside Marten, as versioned SQL migrations (<c>V1__name.sql</c>, …, in a <c>Migrations</c>
/// folder, embedded in the service's assembly) applied on start by Evolve (ADR 0034).
/// A blocking advisory lock (and Evolve's own cluster lock inside it) lets one instance at a time migrate a database,
/// so two instances starting at once apply each migration once;
/// each migration runs in its own transaction; the changelog is the service's own table in
/// <c>platform_migrations</c>, so services could share a database. A migration that fails stops the start,
/// naming the script and the SQL error.
/// </summary>
public static class DatabaseMigrations
{
    public const string ChangelogSchema = "platform_migrations";

    /// <summary>One lock for every service's migrations in a database ("platform" in ASCII), released with the session.</summary>
    public const long LockKey = 0x706C_6174_666F_726D;

    /// <summary>Applies <paramref name="service"/>'s migrations before any other hosted service starts: add it first.</summary>
    /// <param name="dataSourceKey">The key of the service's <see cref="NpgsqlDataSource"/> where a process holds several
    /// (the monolith shape's modules, each its own database); none for the process's one data source.</param>
    public static IHostApplicationBuilder AddDatabaseMigrations(this IHostApplicationBuilder builder, string service, Assembly migrations, object? dataSourceKey = null)
    {
        // Not AddHostedService, which keeps one service of a type: each module of a process has its runner.
        builder.Services.AddSingleton<IHostedService>(provider => new MigrationRunner(
            dataSourceKey is null ? provider.GetRequiredService<NpgsqlDataSource>() : provider.GetRequiredKeyedService<NpgsqlDataSource>(dataSourceKey),
            service, migrations, provider.GetRequiredService<ILogger<MigrationRunner>>()));
        return builder;
    }

    /// <summary>Applies the migrations embedded in <paramref name="migrations"/> that <paramref name="service"/>'s changelog does not have yet.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource database, string service, Assembly migrations, ILogger logger, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        // Evolve's own cluster lock is polled (a waiting instance retries every few seconds); a blocking advisory lock
        // on the same session first lets a twin go on the moment the first one is done. Evolve's lock is then free.
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection))
        {
            take.Parameters.Add(new() { Value = LockKey });
            await take.ExecuteNonQueryAsync(ct);
        }
        var evolve = new Evolve(connection, message => logger.LogDebug("{Migrations}", message))
        {
            EmbeddedResourceAssemblies = [migrations],
            MetadataTableSchema = ChangelogSchema,
            MetadataTableName = service.Replace('-', '_'),
            EnableClusterMode = true,
            IsEraseDisabled = true,
        };
        try
        {
            // Evolve is synchronous; on the thread pool it holds no request thread, and start-up waits for it anyway.
            await Task.Run(evolve.Migrate, ct);
        }
        catch (Exception failure)
        {
            throw new MigrationFailedException(service, failure);
        }
        finally
        {
            await PostgresConnections.ReleaseSessionAsync(connection); // this lock and Evolve's: the pool keeps sessions (ADR 0055)
        }
        return [.. evolve.AppliedMigrations];
    }
}

/// <summary>Why a service did not start: which migration failed, and PostgreSQL's own words.</summary>
public sealed class MigrationFailedException(string service, Exception failure)
    : Exception($"{service}: a database migration failed, so the service does not start. {Describe(failure)}", failure)
{
    private static string Describe(Exception failure) =>
        string.Join(" ", Chain(failure).Select(e => e is PostgresException sql ? $"SQL error {sql.SqlState}: {sql.MessageText}" : e.Message).Distinct());

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            yield return e;
    }
}

/// <summary>Applies one service's (or module's) migrations to its database when the host starts.</summary>
public sealed class MigrationRunner(NpgsqlDataSource database, string service, Assembly migrations, ILogger<MigrationRunner> logger) : IHostedService
{
    /// <summary>Whose changelog it keeps.</summary>
    public string Service => service;

    /// <summary>The database it migrates.</summary>
    public NpgsqlDataSource Database => database;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await DatabaseMigrations.ApplyAsync(database, service, migrations, logger, cancellationToken);
        logger.LogInformation("Database migrations of {Service} are applied ({Count} new: {Migrations})",
            service, applied.Count, applied.Count == 0 ? "none" : string.Join(", ", applied));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
