using Npgsql;
using Platform.ServiceDefaults;

namespace Platform.Email.Infrastructure.MailLog;

/// <summary>Creates the mail log on start-up, before the bus delivers the first event.</summary>
public sealed class MailLogSchema(NpgsqlDataSource db) : IHostedService
{
    public const string Mails = "email.mails";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await db.ApplySchemaAsync($"""
            CREATE SCHEMA IF NOT EXISTS email;
            CREATE TABLE IF NOT EXISTS {Mails} (
                user_id uuid NOT NULL,
                version bigint NOT NULL,
                purpose text NOT NULL,
                recipient text NOT NULL,
                subject text NOT NULL,
                body text NOT NULL,
                state text NOT NULL,
                attempts int NOT NULL DEFAULT 0,
                last_error text,
                queued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                PRIMARY KEY (user_id, version, purpose));
            CREATE INDEX IF NOT EXISTS mails_recipient ON {Mails} (lower(recipient), queued_at DESC);
            """, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
