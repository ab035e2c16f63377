using Platform.Email.Application;
using Platform.Email.Domain;
using Platform.Email.Application.ListingMails;

namespace Platform.Email.Tests.Application;

/// <summary>The mail log port in memory, for the delivery use case's tests (the PostgreSQL adapter is tested end to end).</summary>
public sealed class InMemoryMailLog : IMailLog
{
    private readonly Dictionary<MailKey, OutgoingMail> mails = [];

    public IReadOnlyCollection<OutgoingMail> Recorded => mails.Values;

    public Task RecordAsync(IReadOnlyList<OutgoingMail> toRecord, CancellationToken cancellationToken)
    {
        foreach (var mail in toRecord) // kept as the database keeps it: with the recorded body only
            mails.TryAdd(mail.Key, OutgoingMail.Restore(mail.Key, mail.To, mail.Subject, mail.RecordedBody, mail.State, mail.Attempts, mail.LastError));
        return Task.CompletedTask;
    }

    public Task<IMailClaim?> ClaimAsync(MailKey key, CancellationToken cancellationToken) =>
        Task.FromResult<IMailClaim?>(mails[key] is { IsSettled: false } mail ? new Claim(mail) : null);

    public Task<int> ForgetAsync(Guid userId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<MailStatus>> ListToAsync(string recipient, Guid? sentFor, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private sealed class Claim(OutgoingMail mail) : IMailClaim
    {
        public OutgoingMail Mail { get; } = mail;

        public Task SaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
