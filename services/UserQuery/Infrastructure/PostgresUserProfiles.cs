using Npgsql;
using Platform.Contracts.Users.V1;
using Platform.UserQuery.Application;
using Platform.UserQuery.Application.SearchingUsers;
using Platform.UserQuery.Application.CountingUsers;

namespace Platform.UserQuery.Infrastructure;

/// <summary>
/// The profile read model as one PostgreSQL table; each write is a single idempotent statement. The table is the
/// live one unless a rebuild writes a shadow of it (<see cref="ReadModelSchema.Shadow"/>).
/// </summary>
public sealed class PostgresUserProfiles([FromKeyedServices(ReadModelExtensions.DatabaseName)] NpgsqlDataSource db, string table = ReadModelSchema.Live) : IUserProfiles
{
    private const string Columns = "id, name, email, version, created_at, updated_at";

    private string Table { get; } = $"{ReadModelSchema.Schema}.{table}";

    public async Task<bool> AddAsync(UserRegistered registered, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            INSERT INTO {Table} ({Columns}) VALUES ($1, $2, $3, $4, $5, $5)
            ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.AddWithValue(registered.UserId);
        command.Parameters.AddWithValue(registered.Name);
        command.Parameters.AddWithValue(registered.Email);
        command.Parameters.AddWithValue(registered.Version);
        command.Parameters.AddWithValue(registered.OccurredAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<ProjectionOutcome> ApplyAsync(UserEmailChanged changed, CancellationToken cancellationToken) =>
        UpdateAsync(changed.UserId, changed.Version, changed.OccurredAt, "email = $4", changed.Email, cancellationToken);

    public Task<ProjectionOutcome> EraseAsync(UserErased erased, CancellationToken cancellationToken) =>
        UpdateAsync(erased.UserId, erased.Version, erased.OccurredAt, "name = NULL, email = NULL, erased_at = $3", null, cancellationToken);

    /// <summary>Applies <paramref name="set"/> only if this event is newer than what the row reflects; reports whether the row exists at all.</summary>
    private async Task<ProjectionOutcome> UpdateAsync(Guid id, long version, DateTimeOffset at, string set, object? value, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            WITH updated AS (
                UPDATE {Table} SET {set}, version = $2, updated_at = $3, projected_at = clock_timestamp()
                WHERE id = $1 AND version < $2
                RETURNING 1)
            SELECT EXISTS (SELECT FROM updated), EXISTS (SELECT FROM {Table} WHERE id = $1)
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(version);
        command.Parameters.AddWithValue(at);
        if (value is not null)
            command.Parameters.AddWithValue(value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (applied: reader.GetBoolean(0), known: reader.GetBoolean(1)) switch
        {
            (true, _) => ProjectionOutcome.Applied,
            (false, true) => ProjectionOutcome.AlreadyApplied,
            _ => ProjectionOutcome.ProfileNotYetKnown,
        };
    }

    public async Task<UserProfile?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"SELECT {Columns} FROM {Table} WHERE id = $1 AND erased_at IS NULL");
        command.Parameters.AddWithValue(id);
        var found = await ReadAllAsync(command, cancellationToken);
        return found.SingleOrDefault();
    }

    public async Task<IReadOnlyList<UserProfile>> SearchAsync(UserSearch search, CancellationToken cancellationToken)
    {
        // The filter only when there is text, so the planner sees it and can use the trigram indexes.
        var matches = string.IsNullOrEmpty(search.Text) ? "true" : search.InEmails ? "(name ILIKE $1 OR email ILIKE $1)" : "name ILIKE $1";
        await using var command = db.CreateCommand($"""
            SELECT {Columns} FROM {Table}
            WHERE {matches} AND erased_at IS NULL AND ($4::timestamptz IS NULL OR (created_at, id) > ($4, $5))
            ORDER BY created_at, id
            LIMIT $2 OFFSET $3
            """);
        command.Parameters.AddWithValue(ContainsPattern(search.Text));
        command.Parameters.AddWithValue(search.Limit);
        command.Parameters.AddWithValue(search.Offset);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)search.After?.CreatedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = search.After?.Id ?? Guid.Empty, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<GlobalStatistics> StatisticsAsync(int days, CancellationToken cancellationToken)
    {
        // One statement, one snapshot: the total and the days agree. The days use the created_at index.
        await using var command = db.CreateCommand($"""
            SELECT NULL::date, count(*) FILTER (WHERE erased_at IS NULL) FROM {Table}
            UNION ALL
            (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) FROM {Table}
             WHERE created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(days => $1 - 1)
             GROUP BY day ORDER BY day DESC)
            """);
        command.Parameters.AddWithValue(days);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(1);
        var perDay = new List<RegistrationsOnDay>();
        while (await reader.ReadAsync(cancellationToken))
            perDay.Add(new RegistrationsOnDay(reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1)));
        return new GlobalStatistics(total, perDay);
    }

    /// <summary>'%text%' with LIKE's own wildcards escaped, so a search for "50%" means the characters 5, 0, %.</summary>
    private static string ContainsPattern(string? text) =>
        string.IsNullOrEmpty(text)
            ? ""
            : "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";

    private static async Task<IReadOnlyList<UserProfile>> ReadAllAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var profiles = new List<UserProfile>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            profiles.Add(new UserProfile(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return profiles;
    }
}
