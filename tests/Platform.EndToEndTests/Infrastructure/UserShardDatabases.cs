using Npgsql;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>The shard servers of user-command's event store (ADR 0040), as the AppHost names them, for tests that look inside.</summary>
public sealed class UserShardDatabases : IAsyncDisposable
{
    public const int Count = 4; // three on the ring and a spare

    private UserShardDatabases(IReadOnlyDictionary<string, NpgsqlDataSource> shards) => Shards = shards;

    public IReadOnlyDictionary<string, NpgsqlDataSource> Shards { get; }

    public static async Task<UserShardDatabases> OpenAsync(PlatformFixture platform)
    {
        var shards = new Dictionary<string, NpgsqlDataSource>();
        for (var n = 1; n <= Count; n++)
            shards[$"users-shard-{n}"] = NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync($"users-shard-{n}"))!);
        return new UserShardDatabases(shards);
    }

    /// <summary>The shard that holds the user's stream; a stream is on exactly one.</summary>
    public async Task<(string Name, NpgsqlDataSource Database)> ShardOfAsync(Guid userId)
    {
        var holding = new List<(string, NpgsqlDataSource)>();
        foreach (var (name, database) in Shards)
        {
            await using var command = database.CreateCommand("SELECT count(*) FROM user_command.mt_streams WHERE id = $1");
            command.Parameters.AddWithValue(userId);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
                holding.Add((name, database));
        }
        return Assert.Single(holding);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in Shards.Values)
            await database.DisposeAsync();
    }
}
