using Platform.Email.Domain;
using Platform.Email.Application.ListingMails;

namespace Platform.Email.Application;

/// <summary>The record of every mail owed and how its delivery went: what makes "exactly one mail per event" hold.</summary>
public interface IMailLog
{
    /// <summary>Records the mails that are not recorded yet; a mail already recorded keeps its state.</summary>
    Task RecordAsync(IReadOnlyList<OutgoingMail> mails, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the mail for one delivery attempt, so that no other attempt sends it meanwhile; null when it is settled
    /// (sent or dead). The claim ends with <see cref="IMailClaim.SaveAsync"/>, or is released when disposed; no
    /// transaction stays open while it is held (ADR 0056).
    /// </summary>
    /// <exception cref="DeliveringMail.MailInFlightException">Another attempt holds the mail; try again later.</exception>
    Task<IMailClaim?> ClaimAsync(MailKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets an erased user (ADR 0038): every mail sent for them, and every mail to an address they had (an order's
    /// mail recorded before the log named its customer). Returns how many were forgotten.
    /// </summary>
    Task<int> ForgetAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The mails to one address, newest first: all of them, or only those sent for the user <paramref name="sentFor"/>.</summary>
    Task<IReadOnlyList<MailStatus>> ListToAsync(string recipient, Guid? sentFor, int limit, CancellationToken cancellationToken);
}

/// <summary>One mail, held for one delivery attempt.</summary>
public interface IMailClaim : IAsyncDisposable
{
    OutgoingMail Mail { get; }

    /// <summary>Records the attempt's outcome (the mail's new state) and ends the claim.</summary>
    Task SaveAsync(CancellationToken cancellationToken);
}
