using System.Text.RegularExpressions;
using Platform.UserQuery.Infrastructure;

namespace Platform.UserQuery.Tests.Infrastructure;

/// <summary>
/// The live profile table comes from the migration V1__read_model.sql, a rebuild's shadow from ReadModelSchema.CreateSql:
/// the two must create the same table, or a swap would put a different table in service.
/// </summary>
public sealed partial class ReadModelDdlTests
{
    [Fact]
    public void The_rebuild_s_shadow_is_created_as_the_migration_creates_the_live_table()
    {
        var assembly = typeof(ReadModelSchema).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(name => name.EndsWith(".V1__read_model.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);

        Assert.Equal(Statements(ReadModelSchema.CreateSql(ReadModelSchema.Live)), Statements(reader.ReadToEnd()));
    }

    /// <summary>The SQL without comments, one whitespace between words.</summary>
    private static string Statements(string sql) => Whitespace().Replace(Comments().Replace(sql, ""), " ").Trim();

    [GeneratedRegex("--[^\n]*")]
    private static partial Regex Comments();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
