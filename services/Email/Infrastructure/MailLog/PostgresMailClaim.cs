using Npgsql;
using Platform.Email.Application;
using Platform.Email.Domain;

namespace Platform.Email.Infrastructure.MailLog;

/// <summary>A mail's row, locked in an open transaction for one attempt; saving writes the outcome and commits.</summary>
public sealed class PostgresMailClaim(OutgoingMail mail, NpgsqlConnection connection, NpgsqlTransaction transaction) : IMailClaim
{
    public OutgoingMail Mail { get; } = mail;

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand($"""
            UPDATE {MailLogSchema.Mails} SET state = $4, attempts = $5, last_error = $6, updated_at = clock_timestamp()
            WHERE user_id = $1 AND version = $2 AND purpose = $3
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = Mail.Key.UserId }, new() { Value = Mail.Key.Version }, new() { Value = Mail.Key.Purpose.ToString() },
                new() { Value = Mail.State.ToString() }, new() { Value = Mail.Attempts }, new() { Value = (object?)Mail.LastError ?? DBNull.Value },
            },
        };
        await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Without a save, the transaction rolls back: the mail stays as it was, and the lock is released.</summary>
    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
