using Platform.Email.Application;
using Platform.ServiceDefaults.Migrations;

namespace Platform.Email.Infrastructure.MailLog;

public static class MailLogExtensions
{
    public const string DatabaseName = "email-db";

    /// <summary>
    /// The mail log in the email service's own database. Its owner (<paramref name="appliesSchema"/>, the service)
    /// migrates its table before the first event is consumed; a function that shares it (ADR 0046) changes no schema.
    /// </summary>
    public static IHostApplicationBuilder AddMailLog(this IHostApplicationBuilder builder, bool appliesSchema = true)
    {
        builder.AddKeyedNpgsqlDataSource(DatabaseName); // keyed: a process of several modules holds each module's own
        if (appliesSchema)
            builder.AddDatabaseMigrations("email", typeof(MailLogSchema).Assembly, DatabaseName);
        builder.Services.AddSingleton<IMailLog, PostgresMailLog>();
        return builder;
    }
}
