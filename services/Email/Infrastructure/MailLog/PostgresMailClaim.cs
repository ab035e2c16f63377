using Npgsql;
using Platform.Email.Application;
using Platform.Email.Domain;

namespace Platform.Email.Infrastructure.MailLog;

/// <summary>
/// A mail leased to one delivery attempt (<paramref name="attempt"/>): saving writes the outcome and ends the lease in
/// one statement; disposing without a save gives the lease back, the mail unchanged. Nothing is held open meanwhile.
/// </summary>
public sealed class PostgresMailClaim(OutgoingMail mail, Guid attempt, NpgsqlDataSource db) : IMailClaim
{
    private bool ended;

    public OutgoingMail Mail { get; } = mail;

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await using var update = db.CreateCommand($"""
            UPDATE {MailLogSchema.Mails}
            SET state = $5, attempts = $6, last_error = $7, updated_at = clock_timestamp(), claimed_by = NULL, claimed_until = NULL
            WHERE user_id = $1 AND version = $2 AND purpose = $3 AND claimed_by = $4
            """);
        update.Parameters.Add(new() { Value = Mail.Key.UserId });
        update.Parameters.Add(new() { Value = Mail.Key.Version });
        update.Parameters.Add(new() { Value = Mail.Key.Purpose.ToString() });
        update.Parameters.Add(new() { Value = attempt });
        update.Parameters.Add(new() { Value = Mail.State.ToString() });
        update.Parameters.Add(new() { Value = Mail.Attempts });
        update.Parameters.Add(new() { Value = (object?)Mail.LastError ?? DBNull.Value });
        // No row: the lease lapsed and another attempt took the mail; its outcome is the one recorded.
        await update.ExecuteNonQueryAsync(cancellationToken);
        ended = true;
    }

    /// <summary>Without a save, the lease is given back at once rather than left to lapse.</summary>
    public async ValueTask DisposeAsync()
    {
        if (ended)
            return;
        ended = true;
        await using var release = db.CreateCommand($"""
            UPDATE {MailLogSchema.Mails} SET claimed_by = NULL, claimed_until = NULL
            WHERE user_id = $1 AND version = $2 AND purpose = $3 AND claimed_by = $4
            """);
        release.Parameters.Add(new() { Value = Mail.Key.UserId });
        release.Parameters.Add(new() { Value = Mail.Key.Version });
        release.Parameters.Add(new() { Value = Mail.Key.Purpose.ToString() });
        release.Parameters.Add(new() { Value = attempt });
        await release.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
