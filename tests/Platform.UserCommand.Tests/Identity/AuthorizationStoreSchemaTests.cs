using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.UserCommand.Infrastructure.Identity;

namespace Platform.UserCommand.Tests.Identity;

/// <summary>OpenIddict's tables come from a migration script: it must create exactly what its EF Core model expects.</summary>
public sealed partial class AuthorizationStoreSchemaTests
{
    [Fact]
    public void The_migration_creates_the_tables_and_indexes_of_OpenIddict_s_model()
    {
        var options = new DbContextOptionsBuilder<AuthorizationDbContext>().UseNpgsql("Host=localhost").UseOpenIddict().Options;
        using var context = new AuthorizationDbContext(options);
        var model = Statements(context.Database.GenerateCreateScript());

        var script = typeof(AuthorizationDbContext).Assembly.GetManifestResourceNames().Single(name => name.EndsWith("V1__openiddict_stores.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(typeof(AuthorizationDbContext).Assembly.GetManifestResourceStream(script)!);
        var migration = Statements(reader.ReadToEnd());

        Assert.Equal(10, model.Count); // four tables, six indexes
        Assert.Equal(model, migration);
    }

    /// <summary>The tables and indexes the SQL creates, comments dropped and white space folded (the schema is made either way).</summary>
    private static List<string> Statements(string sql) =>
    [
        .. Comment().Replace(sql, "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(statement => Space().Replace(statement, " ").Trim())
            .Where(statement => statement.StartsWith("CREATE TABLE", StringComparison.Ordinal) || statement.StartsWith("CREATE INDEX", StringComparison.Ordinal)
                || statement.StartsWith("CREATE UNIQUE INDEX", StringComparison.Ordinal)),
    ];

    [GeneratedRegex("--[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
