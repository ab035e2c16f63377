using System.Net;
using JasperFx;
using Marten;
using Npgsql;
using Platform.EndToEndTests.Infrastructure;
using Platform.Sharding;

namespace Platform.EndToEndTests.Sharding;

/// <summary>
/// A data folder from before sharding (issue 22, point 1): its users, kept in user-command's own database in one
/// event store, move into their buckets on their shards when user-command next starts, with their histories and
/// addresses, and without being published again.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LegacyStoreMigrationTests(PlatformFixture platform)
{
    private const string Schema = "user_command";

    [Fact]
    public async Task Users_kept_from_before_sharding_move_into_their_buckets_on_the_next_start_with_their_histories_and_addresses()
    {
        var directory = (await platform.App.GetConnectionStringAsync("usercommand-db"))!;
        var (id, first, current) = (Guid.CreateVersion7(), UsersApi.UniqueEmail("kept"), UsersApi.UniqueEmail("kept-current"));
        using (var before = DocumentStore.For(options =>
        {
            // The store as it was: one database, the users' schema, the events as user-command wrote them, the email index.
            options.Connection(directory);
            options.DatabaseSchemaName = Schema;
            options.UseSystemTextJsonForSerialization();
            options.Events.MetadataConfig.HeadersEnabled = true;
            options.Events.MapEventType<UserCreated>("user_created");
            options.Events.MapEventType<EmailUpdated>("email_updated");
            options.Schema.For<UserEmailIndex>().DocumentAlias("useremailindex");
            options.AutoCreateSchemaObjects = AutoCreate.All;
        }))
        {
            await using var session = before.LightweightSession();
            session.Events.StartStream(id, new UserCreated(id, "Kept From Before", first), new EmailUpdated(id, first, current));
            session.Store(new UserEmailIndex { Id = id, Email = current });
            await session.SaveChangesAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await platform.Resources.RestartAsync("user-command", timeout.Token);

        // The history, whole, from the shard the ring places the user's bucket on.
        var admin = new UsersApi(platform.Admin);
        var events = await admin.GetJsonAsync($"/api/users/{id}/events");
        Assert.Equal([1L, 2L], events.EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
        await using var shards = await UserShardDatabases.OpenAsync(platform);
        var (shard, database) = await shards.ShardOfAsync(id);
        var buckets = new BucketSpace();
        Assert.Equal(buckets.Place(buckets.Ring(["users-shard-1", "users-shard-2", "users-shard-3"]))[buckets.BucketOf(id)], shard);

        // Its current address is reserved; the one it left is free.
        using (var taken = await admin.RegisterAsync("Someone Else", current))
            await ProblemAssert.IsProblemAsync(taken, HttpStatusCode.Conflict);
        using (var free = await admin.RegisterAsync("Someone Else", first))
            Assert.Equal(HttpStatusCode.Created, free.StatusCode);

        // The shard's outbox forwarder starts after the moved events: they were published when first appended.
        Assert.True(await ScalarAsync(database, $"SELECT last_seq_id FROM {Schema}.mt_event_progression WHERE name = 'integration-event-forwarder:All'")
            >= await ScalarAsync(database, $"SELECT max(seq_id) FROM {Schema}.mt_events WHERE stream_id = $1", id));
        // The old tables are kept, renamed, so the move is done once.
        await using var kept = NpgsqlDataSource.Create(directory);
        Assert.Equal(2, await ScalarAsync(kept, $"SELECT count(*) FROM {Schema}.mt_events_before_sharding WHERE stream_id = $1", id));
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.AddWithValue(value);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    // The events and the index document as user-command declared them before sharding (names and shapes are what Marten stores).
    public sealed record UserCreated(Guid UserId, string Name, string Email);

    public sealed record EmailUpdated(Guid UserId, string PreviousEmail, string NewEmail);

    public sealed class UserEmailIndex
    {
        public Guid Id { get; set; }

        public string Email { get; set; } = "";
    }
}
