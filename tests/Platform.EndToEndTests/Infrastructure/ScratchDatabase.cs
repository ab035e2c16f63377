using Npgsql;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>A fresh, empty database on the platform's PostgreSQL for one test, dropped (with its connections) when disposed.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource admin;
    private readonly List<NpgsqlDataSource> sources = [];

    private ScratchDatabase(NpgsqlDataSource admin, string name, string connectionString)
    {
        this.admin = admin;
        ConnectionString = connectionString;
        Name = name;
        Source = Connect();
    }

    public string Name { get; }

    /// <summary>Where the database is, for a client that builds its own pool (no pooling: the drop ends every connection).</summary>
    public string ConnectionString { get; }

    /// <summary>A connection pool of its own on the database.</summary>
    public NpgsqlDataSource Source { get; }

    public static async Task<ScratchDatabase> CreateAsync(string serverConnectionString, string purpose)
    {
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
        var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString);
        var name = $"{purpose}_{Guid.NewGuid():N}";
        await using (var create = admin.CreateCommand($"CREATE DATABASE {name}"))
            await create.ExecuteNonQueryAsync();
        return new ScratchDatabase(admin, name, new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = false }.ConnectionString);
    }

    /// <summary>Another client of the same database with its own connections, as another process would be.</summary>
    public NpgsqlDataSource Connect()
    {
        var source = NpgsqlDataSource.Create(ConnectionString);
        sources.Add(source);
        return source;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = Source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = Source.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var source in sources)
            await source.DisposeAsync();
        await using (var drop = admin.CreateCommand($"DROP DATABASE {Name} WITH (FORCE)"))
            await drop.ExecuteNonQueryAsync();
        await admin.DisposeAsync();
    }
}
