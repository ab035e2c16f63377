using Npgsql;
using Platform.Email.Application;
using Platform.Email.Application.DeliveringMail;
using Platform.Email.Domain;
using Platform.Email.Application.ListingMails;

namespace Platform.Email.Infrastructure.MailLog;

/// <summary>The mail log in the email service's own database, keyed by the event that caused each mail.</summary>
public sealed class PostgresMailLog([FromKeyedServices(MailLogExtensions.DatabaseName)] NpgsqlDataSource db) : IMailLog
{
    private const string Columns = "user_id, version, purpose, recipient, subject, body, state, attempts, last_error";

    public async Task RecordAsync(IReadOnlyList<OutgoingMail> mails, CancellationToken cancellationToken)
    {
        await using var batch = db.CreateBatch();
        foreach (var mail in mails)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                INSERT INTO {MailLogSchema.Mails} (user_id, version, purpose, recipient, subject, body, state, sent_for)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (user_id, version, purpose) DO NOTHING
                """)
            {
                Parameters =
                {
                    new() { Value = mail.Key.UserId }, new() { Value = mail.Key.Version }, new() { Value = mail.Key.Purpose.ToString() },
                    new() { Value = mail.To }, new() { Value = mail.Subject }, new() { Value = mail.RecordedBody },
                    new() { Value = mail.State.ToString() }, new() { Value = mail.SentFor },
                },
            });
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// How long a claim holds a mail: longer than an attempt can take (connecting and sending, each within
    /// Smtp:Timeout, 10 s), so only an attempt that died loses its mail to the next one.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public async Task<IMailClaim?> ClaimAsync(MailKey key, CancellationToken cancellationToken)
    {
        var attempt = Guid.CreateVersion7();
        // One statement, committed at once: the lease is taken if the mail is unsettled and no live lease holds it.
        await using (var claim = db.CreateCommand($"""
            UPDATE {MailLogSchema.Mails} SET claimed_by = $4, claimed_until = clock_timestamp() + $5
            WHERE user_id = $1 AND version = $2 AND purpose = $3 AND state IN ('Queued', 'Retrying')
              AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
            RETURNING {Columns}
            """))
        {
            AddKey(claim, key);
            claim.Parameters.Add(new() { Value = attempt });
            claim.Parameters.Add(new() { Value = Lease });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                return new PostgresMailClaim(Read(reader), attempt, db);
        }

        // Not taken: settled (nothing to do), or held by a live attempt elsewhere (the message is tried again later).
        await using var state = db.CreateCommand($"SELECT state FROM {MailLogSchema.Mails} WHERE user_id = $1 AND version = $2 AND purpose = $3");
        AddKey(state, key);
        return await state.ExecuteScalarAsync(cancellationToken) is string found && Enum.Parse<DeliveryState>(found) is DeliveryState.Queued or DeliveryState.Retrying
            ? throw new MailInFlightException(key)
            : null;
    }

    private static void AddKey(NpgsqlCommand command, MailKey key)
    {
        command.Parameters.Add(new() { Value = key.UserId });
        command.Parameters.Add(new() { Value = key.Version });
        command.Parameters.Add(new() { Value = key.Purpose.ToString() });
    }

    public async Task<int> ForgetAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            DELETE FROM {MailLogSchema.Mails}
            WHERE sent_for = $1 OR lower(recipient) IN (SELECT lower(recipient) FROM {MailLogSchema.Mails} WHERE sent_for = $1)
            """);
        command.Parameters.Add(new() { Value = userId });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MailStatus>> ListToAsync(string recipient, Guid? sentFor, int limit, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            SELECT {Columns}, queued_at, updated_at FROM {MailLogSchema.Mails}
            WHERE lower(recipient) = lower($1) AND ($3::uuid IS NULL OR sent_for = $3) ORDER BY queued_at DESC LIMIT $2
            """);
        command.Parameters.Add(new() { Value = recipient });
        command.Parameters.Add(new() { Value = limit });
        command.Parameters.Add(new() { Value = sentFor is { } user ? user : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var mails = new List<MailStatus>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var mail = Read(reader);
            mails.Add(new MailStatus(mail.Key.UserId, mail.Key.Version, mail.Key.Purpose, mail.To, mail.Subject, mail.State,
                mail.Attempts, mail.LastError, reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10)));
        }
        return mails;
    }

    private static OutgoingMail Read(NpgsqlDataReader reader) => OutgoingMail.Restore(
        new MailKey(reader.GetGuid(0), reader.GetInt64(1), Enum.Parse<MailPurpose>(reader.GetString(2))),
        reader.GetString(3), reader.GetString(4), reader.GetString(5),
        Enum.Parse<DeliveryState>(reader.GetString(6)), reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8));
}
