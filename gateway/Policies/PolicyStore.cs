using System.Text.Json;
using Npgsql;

namespace Platform.Gateway.Policies;

/// <summary>
/// The policies in PostgreSQL, every version kept: a change inserts the next version of a service's policy, and
/// the primary key refuses a second writer of the same version, so two concurrent changes cannot both win. The table is
/// the gateway's migration V1__policies.sql.
/// </summary>
public sealed class PolicyStore(NpgsqlDataSource database) : IPolicyStore
{
    private const string Table = "gateway.policy_versions";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The newest stored version of each service's policy.</summary>
    public async Task<IReadOnlyList<VersionedPolicy>> LatestAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"SELECT DISTINCT ON (service) service, version, policy, changed_at FROM {Table} ORDER BY service, version DESC");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var policies = new List<VersionedPolicy>();
        while (await reader.ReadAsync(ct))
            policies.Add(new VersionedPolicy(reader.GetString(0), reader.GetInt64(1),
                JsonSerializer.Deserialize<ServicePolicy>(reader.GetString(2), Json)!, reader.GetFieldValue<DateTimeOffset>(3)));
        return policies;
    }

    /// <summary>Stores <paramref name="policy"/> as version <paramref name="version"/> and returns when; null when another change took that version first.</summary>
    public async Task<DateTimeOffset?> TryInsertAsync(string service, long version, ServicePolicy policy, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"INSERT INTO {Table} (service, version, policy) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING RETURNING changed_at");
        command.Parameters.Add(new() { Value = service });
        command.Parameters.Add(new() { Value = version });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(policy, Json) });
        return await command.ExecuteScalarAsync(ct) is DateTime changedAt ? new DateTimeOffset(changedAt, TimeSpan.Zero) : null;
    }
}
