using Microsoft.EntityFrameworkCore;

namespace Platform.UserCommand.Infrastructure.Identity;

/// <summary>
/// OpenIddict's stores in Entity Framework Core, in the user-command database's <c>identity</c> schema. Its tables
/// come from the migration V1__openiddict_stores.sql, like every table outside Marten (ADR 0034), not from EF's own
/// migrations: one mechanism, and a test keeps the script equal to this model (ADR 0036).
/// </summary>
public sealed class AuthorizationDbContext(DbContextOptions<AuthorizationDbContext> options) : DbContext(options)
{
    public const string Schema = "identity";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        base.OnModelCreating(modelBuilder);
    }
}
