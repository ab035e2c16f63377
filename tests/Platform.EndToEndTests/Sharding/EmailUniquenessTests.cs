using System.Net;
using Npgsql;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Sharding;

/// <summary>
/// An email is one user's across the shards (ADR 0041): the directory's reservation decides, whichever shards the
/// racing registrations' new users would go to; a reservation left behind by a lost step is settled by the stream.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EmailUniquenessTests(PlatformFixture platform)
{
    private const string Reservations = "user_command.mt_doc_emailreservation";
    private readonly UsersApi users = new(platform.Gateway);

    [Fact]
    public async Task Fifty_registrations_of_one_email_at_once_make_exactly_one_user_on_one_shard()
    {
        var email = UsersApi.UniqueEmail("contested");

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(n => users.RegisterAsync($"Contender {n}", email)));

        Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.Created);
        foreach (var refused in answers.Where(answer => answer.StatusCode != HttpStatusCode.Created))
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
        await using var shards = await UserShardDatabases.OpenAsync(platform);
        var created = 0L;
        foreach (var shard in shards.Shards.Values)
            created += await CountAsync(shard, "SELECT count(*) FROM user_command.mt_events WHERE type = 'user_created' AND data->>'Email' = $1", email);
        Assert.Equal(1, created);
        await using var directory = await DirectoryAsync();
        Assert.Equal(1, await CountAsync(directory, $"SELECT count(*) FROM {Reservations} WHERE id = $1 AND (data->>'State')::int = 0", email)); // pending
        foreach (var answer in answers)
            answer.Dispose();

        // The registration leaves its reservation pending (ADR 0061). Past its lifetime, the next who wants the address
        // finds that the holder's stream has it: refused, and the reservation is confirmed on the way.
        await ExecuteAsync(directory, $"UPDATE {Reservations} SET data = jsonb_set(data, '{{ExpiresAt}}', to_jsonb(now() - interval '1 minute')) WHERE id = $1", email);
        using (var late = await users.RegisterAsync("Late Contender", email))
            await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Conflict);
        Assert.Equal(1, await CountAsync(directory, $"SELECT count(*) FROM {Reservations} WHERE id = $1 AND (data->>'State')::int = 1", email)); // confirmed
    }

    [Fact]
    public async Task A_reservation_whose_release_was_lost_is_settled_by_the_stream_and_one_in_flight_holds_its_address()
    {
        // An erasure frees the address; put its reservation back, as if that step had been lost, past the pending
        // lifetime the registration left it in (ADR 0061): no longer a change in flight.
        var email = UsersApi.UniqueEmail("left-behind");
        var erased = await users.RegisterNewAsync("Left Behind", email);
        await using var directory = await DirectoryAsync();
        var row = await RowAsync(directory, email);
        using (var erasure = await platform.Admin.DeleteAsync($"/api/users/{erased}"))
            Assert.Equal(HttpStatusCode.NoContent, erasure.StatusCode);
        await ExecuteAsync(directory, $"INSERT INTO {Reservations} (id, data, mt_dotnet_type, mt_last_modified, mt_version) " +
            "VALUES ($1, jsonb_set($2::jsonb, '{ExpiresAt}', to_jsonb(now() - interval '1 minute')), $3, now(), gen_random_uuid())", email, row.Data, row.Type);

        // The erased user's stream no longer has the address: the next registration takes it.
        using (var taken = await users.RegisterAsync("Next Owner", email))
            Assert.Equal(HttpStatusCode.Created, taken.StatusCode);

        // A pending reservation still young is a change in flight: its address is refused until it is settled.
        var inFlight = UsersApi.UniqueEmail("in-flight");
        await ExecuteAsync(directory, $"INSERT INTO {Reservations} (id, data, mt_dotnet_type, mt_last_modified, mt_version) " +
            "VALUES ($1, jsonb_set(jsonb_set(jsonb_set($2::jsonb, '{Id}', to_jsonb($1::text)), '{State}', '0'), '{ExpiresAt}', to_jsonb(now() + interval '1 hour')), $3, now(), gen_random_uuid())",
            inFlight, row.Data, row.Type);
        using var refused = await users.RegisterAsync("Too Early", inFlight);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
    }

    private async Task<NpgsqlDataSource> DirectoryAsync() =>
        NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync("usercommand-db"))!);

    private static async Task<(string Data, string Type)> RowAsync(NpgsqlDataSource directory, string email)
    {
        await using var command = directory.CreateCommand($"SELECT data::text, mt_dotnet_type FROM {Reservations} WHERE id = $1");
        command.Parameters.AddWithValue(email);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no reservation of {email}");
        return (reader.GetString(0), reader.GetString(1));
    }

    private static async Task<long> CountAsync(NpgsqlDataSource database, string sql, string value)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue(value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.AddWithValue(value);
        await command.ExecuteNonQueryAsync();
    }
}
