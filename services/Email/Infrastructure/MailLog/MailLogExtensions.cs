using Platform.Email.Application;
using Platform.ServiceDefaults.Migrations;

namespace Platform.Email.Infrastructure.MailLog;

public static class MailLogExtensions
{
    public const string DatabaseName = "email-db";

    /// <summary>The mail log in the service's own database, its table migrated before the first event is consumed.</summary>
    public static IHostApplicationBuilder AddMailLog(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseName);
        builder.AddDatabaseMigrations("email", typeof(MailLogSchema).Assembly);
        builder.Services.AddSingleton<IMailLog, PostgresMailLog>();
        return builder;
    }
}
