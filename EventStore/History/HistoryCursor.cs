using System.Globalization;

namespace Platform.EventStore.History;

/// <summary>
/// Where a reader of a store's history is, database by database: a sharded store numbers each shard's events
/// itself, so one sequence cannot say it. For each database, the last sequence read and the target, the database's
/// highest sequence when the reader began: a reader that wants everything committed before it began reads until
/// every position reaches its target. Written <c>shard-1:120:130,shard-2:4:4</c>; a store on one database has one.
/// </summary>
public sealed record HistoryCursor(IReadOnlyDictionary<string, HistoryCursor.Position> Databases)
{
    public sealed record Position(long After, long Target);

    public static readonly HistoryCursor Start = new(new Dictionary<string, Position>());

    /// <summary>A database the cursor does not know yet (a shard added since the reader began) is read from its start, with no target.</summary>
    public Position Of(string database) => Databases.GetValueOrDefault(database) ?? new Position(0, 0);

    public bool HasReachedTargets => Databases.Values.All(position => position.After >= position.Target);

    public HistoryCursor With(string database, Position position) =>
        new(new Dictionary<string, Position>(Databases) { [database] = position });

    public override string ToString() => string.Join(',', Databases.OrderBy(entry => entry.Key, StringComparer.Ordinal)
        .Select(entry => FormattableString.Invariant($"{entry.Key}:{entry.Value.After}:{entry.Value.Target}")));

    /// <summary>Reads a cursor this type wrote; null or empty is the start. A malformed one is refused (<see cref="FormatException"/>).</summary>
    public static HistoryCursor Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Start;
        var databases = new Dictionary<string, Position>();
        foreach (var part in text.Split(','))
        {
            var fields = part.Split(':');
            if (fields.Length != 3 || fields[0].Length == 0
                || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var after)
                || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var target)
                || !databases.TryAdd(fields[0], new Position(after, target)))
                throw new FormatException($"'{part}' is not a history position: it is database:after:target, each database once.");
        }
        return new HistoryCursor(databases);
    }
}
