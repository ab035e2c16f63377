namespace Platform.Email.Domain;

/// <summary>The mails the system writes, and what they say.</summary>
public static class Mails
{
    public static OutgoingMail Welcome(Guid userId, long version, string name, string email) =>
        new(new MailKey(userId, version, MailPurpose.Welcome), email,
            "Welcome to Platform",
            $"Hello {name},\n\nyour account is ready. This address, {email}, receives its mail.\n");

    public static IReadOnlyList<OutgoingMail> EmailChanged(Guid userId, long version, string previous, string current) =>
    [
        new(new MailKey(userId, version, MailPurpose.EmailChangedFrom), previous,
            "Your email address was changed",
            $"Hello,\n\nyour account's address was changed from {previous} to {current}. "
            + "If you did not ask for this, contact us at once.\n"),
        new(new MailKey(userId, version, MailPurpose.EmailChangedTo), current,
            "Your new email address",
            $"Hello,\n\nthis address, {current}, now receives your account's mail (it replaces {previous}).\n"),
    ];

    public static OutgoingMail OrderConfirmed(Guid orderId, string name, string email, decimal total, string currency) =>
        new(new MailKey(orderId, 0, MailPurpose.OrderConfirmed), email,
            "Your order is confirmed",
            $"Hello {name},\n\nyour order {orderId} is confirmed: the items are reserved for you and {total:0.00} {currency} was charged.\n");

    public static OutgoingMail OrderCancelled(Guid orderId, string name, string email, string reason) =>
        new(new MailKey(orderId, 0, MailPurpose.OrderCancelled), email,
            "Your order was cancelled",
            $"Hello {name},\n\nwe could not complete your order {orderId}, so it was cancelled and nothing was kept from it. The reason: {reason}\n");
}
