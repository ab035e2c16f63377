using Npgsql;

namespace Platform.Benchmarks;

/// <summary>
/// How long each registration took to reach the read model: the read model stores the event's timestamp and the
/// time it projected it, both from the same PostgreSQL server clock, so no client-side polling blurs the figure.
/// Read once the registrations are there (or the wait gave up): the ones missing are left out.
/// </summary>
public sealed class ReadModelLag(NpgsqlDataSource readModel)
{
    public async Task<double[]> ReadAsync(IReadOnlyList<Guid> ids)
    {
        await using var command = readModel.CreateCommand("""
            SELECT extract(epoch FROM projected_at - created_at) * 1000 FROM user_query.user_profiles
            WHERE id = ANY($1) ORDER BY 1
            """);
        command.Parameters.AddWithValue(ids.ToArray());
        var lags = new List<double>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lags.Add(Convert.ToDouble(reader.GetValue(0)));
        return [.. lags];
    }
}
