namespace Platform.Email.Domain;

/// <summary>
/// Which mail this is: the event that caused it (a user's stream and the version the event gave it) and the
/// mail's purpose. The same event redelivered, even under another message id, names the same mail: once only.
/// An order's mail is keyed by the order's id at version 0: an order ends once, confirmed or cancelled.
/// </summary>
public sealed record MailKey(Guid UserId, long Version, MailPurpose Purpose);
