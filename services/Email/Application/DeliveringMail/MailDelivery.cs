using Microsoft.Extensions.Logging;
using Platform.Email.Domain;

namespace Platform.Email.Application.DeliveringMail;

/// <summary>
/// Delivers the mails an event calls for, each exactly once: recorded first, then each claimed, sent and marked, with
/// no transaction open across the send (ADR 0009, ADR 0056), so a redelivered event finds its mails sent and sends nothing. What is sent is
/// the mail as the event made it; the log may keep less of its body (<see cref="OutgoingMail.RecordedBody"/>).
/// </summary>
public sealed class MailDelivery(IMailLog log, IMailSender sender, ILogger<MailDelivery> logger)
{
    /// <param name="lastAttempt">No retry follows a failure of this attempt: a failed mail becomes dead.</param>
    /// <exception cref="MailNotSentException">A mail was not accepted; the message should be retried.</exception>
    public async Task DeliverAsync(IReadOnlyList<OutgoingMail> mails, bool lastAttempt, CancellationToken ct)
    {
        await log.RecordAsync(mails, ct);
        var failed = new List<OutgoingMail>();
        foreach (var key in mails.Select(mail => mail.Key))
        {
            await using var claim = await log.ClaimAsync(key, ct);
            if (claim is null)
            {
                logger.LogInformation("Mail {Purpose} for user {UserId} at version {Version} is already settled; not sent again",
                    key.Purpose, key.UserId, key.Version);
                continue;
            }

            var mail = claim.Mail;
            try
            {
                await sender.SendAsync(mails.First(made => made.Key == key), ct);
                mail.Sent();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                mail.Failed($"{e.GetType().Name}: {e.Message}", lastAttempt);
                failed.Add(mail);
                logger.LogWarning("Mail {Purpose} to {To} not sent (attempt {Attempts}, now {State}): {Error}",
                    key.Purpose, mail.To, mail.Attempts, mail.State, mail.LastError);
            }
            await claim.SaveAsync(ct);
        }

        if (failed.Count > 0)
            throw new MailNotSentException(failed);
    }
}

/// <summary>
/// Another attempt holds the mail (the same event heard twice: redelivered, or by the email service and the
/// send-welcome-mail function at once): the message is tried again, and then finds the mail settled, or takes it over
/// once the other attempt's claim has lapsed.
/// </summary>
public sealed class MailInFlightException(MailKey key)
    : Exception($"Mail {key.Purpose} for user {key.UserId} at version {key.Version} is being sent by another attempt.");

/// <summary>Some mails were not accepted by the SMTP server; the message is retried, then moved to its error queue.</summary>
public sealed class MailNotSentException(IReadOnlyList<OutgoingMail> mails) : Exception(
    $"Not sent: {string.Join("; ", mails.Select(mail => $"{mail.Key.Purpose} to {mail.To} ({mail.LastError})"))}")
{
    public IReadOnlyList<OutgoingMail> Mails { get; } = mails;
}
