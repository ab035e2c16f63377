using System.Text.RegularExpressions;
using Platform.UserQuery.Infrastructure;

namespace Platform.UserQuery.Tests.Infrastructure;

/// <summary>
/// The live profile table comes from the migrations V1__read_model.sql and V2__erased_profiles.sql, a rebuild's shadow from ReadModelSchema.CreateSql:
/// the two must create the same table, or a swap would put a different table in service.
/// </summary>
public sealed partial class ReadModelDdlTests
{
    [Fact]
    public void The_rebuild_s_shadow_is_created_as_the_migration_creates_the_live_table()
    {
        var assembly = typeof(ReadModelSchema).Assembly;
        var migrations = string.Concat(new[] { ".V1__read_model.sql", ".V2__erased_profiles.sql" }.Select(suffix =>
        {
            var resource = assembly.GetManifestResourceNames().Single(name => name.EndsWith(suffix, StringComparison.Ordinal));
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            return reader.ReadToEnd();
        }));

        Assert.Equal(Statements(ReadModelSchema.CreateSql(ReadModelSchema.Live)), Statements(migrations));
    }

    /// <summary>The SQL without comments, one whitespace between words.</summary>
    private static string Statements(string sql) => Whitespace().Replace(Comments().Replace(sql, ""), " ").Trim();

    [GeneratedRegex("--[^\n]*")]
    private static partial Regex Comments();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
