using Npgsql;
using NpgsqlTypes;
using Platform.Analytics.Domain;

namespace Platform.Analytics.Infrastructure.Views;

/// <summary>
/// Events as six array parameters of one statement, read back as rows by <see cref="Rows"/> (unnest zips arrays): a batch of events is
/// inserted by one set-based statement, not a statement per event.
/// </summary>
public static class EventRows
{
    /// <summary>Parameters $1–$6 as arrays: <c>unnest(Arrays) AS e(Columns)</c> zips them into rows.</summary>
    public const string Arrays = "$1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[], $5::numeric[], $6::text[]";

    public const string Columns = "event_id, kind, user_id, occurred_at, amount, currency";

    /// <summary>The events as rows e(event_id, kind, user_id, occurred_at, amount, currency).</summary>
    public const string Rows = $"unnest({Arrays}) AS e({Columns})";

    /// <summary>Adds the events as parameters $1–$6 (the command's first parameters).</summary>
    public static NpgsqlParameterCollection AddEvents(this NpgsqlParameterCollection parameters, IReadOnlyCollection<AnalyticsEvent> events)
    {
        parameters.Add(new() { Value = events.Select(e => e.EventId).ToArray() });
        parameters.Add(new() { Value = events.Select(e => e.Kind.ToString()).ToArray() });
        parameters.Add(new() { Value = events.Select(e => e.UserId).ToArray() });
        parameters.Add(new() { Value = events.Select(e => e.OccurredAt.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.Add(new() { Value = events.Select(e => e.Amount).ToArray() });
        parameters.Add(new() { Value = events.Select(e => e.Currency ?? "").ToArray() });
        return parameters;
    }

    /// <summary>Adds the next positional parameter.</summary>
    public static NpgsqlParameterCollection AddValue(this NpgsqlParameterCollection parameters, object? value)
    {
        parameters.Add(new() { Value = value ?? DBNull.Value });
        return parameters;
    }
}
