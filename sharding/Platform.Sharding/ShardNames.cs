namespace Platform.Sharding;

/// <summary>The checks every map makes of the shards it is given: at least one, each named once.</summary>
internal static class ShardNames
{
    public static string[] Checked(IEnumerable<string> shards)
    {
        var names = shards.ToArray();
        if (names.Length == 0)
            throw new ArgumentException("A shard map needs at least one shard.", nameof(shards));
        if (names.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("A shard's name is empty.", nameof(shards));
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new ArgumentException($"A shard is named twice: {string.Join(", ", names)}.", nameof(shards));
        return names;
    }

    public static string[] Adding(IReadOnlyList<string> shards, string shard) => Checked([.. shards, shard]);

    public static string[] Removing(IReadOnlyList<string> shards, string shard) =>
        shards.Contains(shard, StringComparer.Ordinal)
            ? Checked(shards.Where(name => name != shard))
            : throw new ArgumentException($"There is no shard {shard} to remove: {string.Join(", ", shards)}.", nameof(shard));
}
