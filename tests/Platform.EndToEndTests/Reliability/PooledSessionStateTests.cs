using Npgsql;
using Platform.EndToEndTests.Infrastructure;
using Platform.ServiceDefaults;

namespace Platform.EndToEndTests.Reliability;

/// <summary>
/// With no pool reset (ADR 0055) a pooled connection keeps its session's state for its next user: a connection that
/// took a session lock and did not give it back would hold it for as long as the pool keeps it. The ones that take such
/// state give it back before their connection goes back to the pool, as the reset did.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PooledSessionStateTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_lock_left_on_a_pooled_connection_survives_its_return_unless_its_session_is_released()
    {
        var server = (await platform.App.GetConnectionStringAsync("userquery-db"))!;
        await using var pooled = NpgsqlDataSource.Create(PostgresConnections.Tuned(server, reset: false)!);
        await using var observer = NpgsqlDataSource.Create(server);

        // Kept: the lock outlives the connection's return to the pool, as the hazard says.
        var kept = Random.Shared.NextInt64(1, long.MaxValue);
        await using (var connection = await pooled.OpenConnectionAsync())
            await LockAsync(connection, kept);
        Assert.True(await IsHeldAsync(observer, kept));

        // Released: its locks, its settings and its channels are given back; the connection stays pooled.
        var released = Random.Shared.NextInt64(1, long.MaxValue);
        await using (var connection = await pooled.OpenConnectionAsync())
        {
            await LockAsync(connection, released);
            await using (var set = new NpgsqlCommand("SET lock_timeout = '1234ms'; LISTEN pooled_session_probe", connection))
                await set.ExecuteNonQueryAsync();
            await PostgresConnections.ReleaseSessionAsync(connection);
        }
        Assert.False(await IsHeldAsync(observer, released));
        Assert.False(await IsHeldAsync(observer, kept)); // the same pooled session: released with the rest
        await using (var again = await pooled.OpenConnectionAsync())
        {
            await using var setting = new NpgsqlCommand("SELECT current_setting('lock_timeout'), (SELECT count(*) FROM pg_listening_channels())", again);
            await using var reader = await setting.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(("0", 0L), (reader.GetString(0), reader.GetInt64(1)));
        }
    }

    private static async Task LockAsync(NpgsqlConnection connection, long key)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> IsHeldAsync(NpgsqlDataSource observer, long key)
    {
        // A bigint advisory lock shows as its high and low halves.
        await using var command = observer.CreateCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = ($1 >> 32) AND objid::bigint = ($1 & 4294967295) AND granted");
        command.Parameters.Add(new() { Value = key });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
