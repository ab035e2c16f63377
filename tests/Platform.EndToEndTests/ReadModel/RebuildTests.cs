using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Npgsql;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.ReadModel;

/// <summary>POST /api/admin/read-models/rebuild: the read model rebuilt from the event store while it keeps serving.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RebuildTests(PlatformFixture platform)
{
    private const string Route = "/api/admin/read-models/rebuild";
    private const string Columns = "id, name, email, version, created_at, updated_at";
    private readonly UsersApi users = new(platform.Admin); // the rebuild route is an admin route

    [Fact]
    public async Task A_rebuild_during_live_registrations_loses_nothing_and_a_rebuild_equals_the_live_model_row_for_row()
    {
        var registered = new ConcurrentQueue<Guid>();
        using var stopLoad = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var i = 0; !stopLoad.IsCancellationRequested; i++)
                registered.Enqueue(await users.RegisterNewAsync($"Rebuild User {i}"));
        });
        await Task.Delay(300);

        var during = await RebuildAsync();
        await stopLoad.CancelAsync();
        await load;

        Assert.True(during.GetProperty("eventsApplied").GetInt64() > 0, during.ToString());
        foreach (var id in registered)
            await users.WaitForProfileAsync(id, TimeSpan.FromSeconds(20));

        // Quiet now: rebuild again, and the model built from the history must equal the one that was live.
        var quiet = await RebuildAsync();
        Assert.Matches("^[^,:]+:[0-9]+:[0-9]+(,[^,:]+:[0-9]+:[0-9]+)*$", quiet.GetProperty("position").GetString()); // a position per shard
        await using var db = NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync("userquery-db"))!);
        Assert.Equal(0, await CountAsync(db, $"SELECT {Columns} FROM user_query.user_profiles EXCEPT SELECT {Columns} FROM user_query.user_profiles_previous"));
        Assert.Equal(0, await CountAsync(db, $"SELECT {Columns} FROM user_query.user_profiles_previous EXCEPT SELECT {Columns} FROM user_query.user_profiles"));
        Assert.True(await CountAsync(db, "SELECT id FROM user_query.user_profiles") >= registered.Count);
    }

    [Fact]
    public async Task The_status_says_idle_or_how_the_last_rebuild_went()
    {
        var status = await users.GetJsonAsync(Route);

        Assert.Contains(status.GetProperty("state").GetString(), new[] { "Idle", "Completed", "Replaying", "Swapping" });
    }

    private async Task<JsonElement> RebuildAsync()
    {
        using (var started = await platform.Admin.PostAsync(Route, content: null))
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return await Eventually.GetAsync(async () =>
        {
            var status = await users.GetJsonAsync(Route);
            var state = status.GetProperty("state").GetString();
            Assert.NotEqual("Failed", state);
            return (state == "Completed", status);
        }, TimeSpan.FromSeconds(60), "the rebuild to complete");
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string rows)
    {
        await using var command = db.CreateCommand($"SELECT count(*) FROM ({rows}) AS rows");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
