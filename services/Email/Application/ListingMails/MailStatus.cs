using Platform.Email.Domain;

namespace Platform.Email.Application.ListingMails;

/// <summary>A mail as GET /api/emails shows it.</summary>
public sealed record MailStatus(
    Guid UserId,
    long Version,
    MailPurpose Purpose,
    string To,
    string Subject,
    DeliveryState State,
    int Attempts,
    string? LastError,
    DateTimeOffset QueuedAt,
    DateTimeOffset UpdatedAt);
