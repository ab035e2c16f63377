using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Users;

/// <summary>The snapshot policy at work in the running system (ADR 0011): the async daemon keeps each user's snapshot.</summary>
[Collection(PlatformCollection.Name)]
public sealed class UserSnapshotTests(PlatformFixture platform)
{
    private readonly UsersApi users = new(platform.Admin); // a user's own routes answer the user or an admin (issue 21)

    [Fact]
    public async Task The_snapshot_of_a_user_follows_its_stream()
    {
        var id = await users.RegisterNewAsync("Snapshot Kept");
        var changed = UsersApi.UniqueEmail("kept");
        using (var change = await users.ChangeEmailAsync(id, changed, "\"1\""))
            change.EnsureSuccessStatusCode();

        await using var shards = await UserShardDatabases.OpenAsync(platform);
        var (_, db) = await shards.ShardOfAsync(id); // the user's bucket is on one shard (ADR 0040)
        var snapshot = await Eventually.GetAsync(async () =>
        {
            await using var command = db.CreateCommand("SELECT mt_version, data FROM user_command.mt_doc_user WHERE id = $1");
            command.Parameters.AddWithValue(id);
            await using var reader = await command.ExecuteReaderAsync();
            var found = await reader.ReadAsync() && reader.GetInt64(0) == 2;
            return (found, found ? JsonDocument.Parse(reader.GetString(1)).RootElement.Clone() : default);
        }, TimeSpan.FromSeconds(10), $"user {id}'s snapshot at version 2");

        Assert.Equal(changed, snapshot.GetProperty("Email").GetString());
        Assert.Equal(2, snapshot.GetProperty("Version").GetInt64());
    }
}
