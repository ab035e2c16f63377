namespace Platform.Email.Domain;

/// <summary>The mails the system writes, and what they say.</summary>
public static class Mails
{
    /// <summary>The welcome, with the link that activates the account (it sets the password). The log keeps the mail without the link's code.</summary>
    public static OutgoingMail Welcome(Guid userId, long version, string name, string email, string activationLink, DateTimeOffset expiresAt)
    {
        const string Text = "Hello {0},\n\nyour account is registered. To activate it and choose your password, open\n\n  {1}\n\n"
            + "The link works once, until {2:yyyy-MM-dd HH:mm} UTC. This address, {3}, receives the account's mail.\n";
        return new OutgoingMail(new MailKey(userId, version, MailPurpose.Welcome), email, "Welcome to Platform: activate your account",
            string.Format(System.Globalization.CultureInfo.InvariantCulture, Text, name, activationLink, expiresAt.UtcDateTime, email),
            recordedBody: string.Format(System.Globalization.CultureInfo.InvariantCulture, Text, name, WithoutCode(activationLink), expiresAt.UtcDateTime, email));
    }

    /// <summary>The link with its code's value blanked: what may be kept of it.</summary>
    public static string WithoutCode(string link)
    {
        var at = link.IndexOf("code=", StringComparison.Ordinal);
        if (at < 0)
            return link;
        var end = link.IndexOf('&', at);
        return link[..(at + 5)] + "(sent, not kept)" + (end < 0 ? "" : link[end..]);
    }

    /// <summary>The code that confirms a user's move to this address. The log keeps the mail without the code.</summary>
    public static OutgoingMail ConfirmNewEmail(Guid userId, long version, string email, string code, DateTimeOffset expiresAt)
    {
        const string Text = "Hello,\n\nyou asked to move your account to this address, {0}. To confirm it, send this code while signed in\n"
            + "(POST /api/users/{1}/email/confirm, {{\"code\":\"...\"}}):\n\n  {2}\n\n"
            + "It works once, until {3:yyyy-MM-dd HH:mm} UTC. If you did not ask for this, ignore this mail: nothing changes.\n";
        return new OutgoingMail(new MailKey(userId, version, MailPurpose.EmailChangeConfirmation), email, "Confirm your new email address",
            string.Format(System.Globalization.CultureInfo.InvariantCulture, Text, email, userId, code, expiresAt.UtcDateTime),
            recordedBody: string.Format(System.Globalization.CultureInfo.InvariantCulture, Text, email, userId, "(sent, not kept)", expiresAt.UtcDateTime));
    }

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

    public static OutgoingMail OrderConfirmed(Guid orderId, Guid customer, string name, string email, decimal total, string currency) =>
        new(new MailKey(orderId, 0, MailPurpose.OrderConfirmed), email,
            "Your order is confirmed",
            $"Hello {name},\n\nyour order {orderId} is confirmed: the items are reserved for you and {total:0.00} {currency} was charged.\n",
            sentFor: customer);

    public static OutgoingMail OrderCancelled(Guid orderId, Guid customer, string name, string email, string reason) =>
        new(new MailKey(orderId, 0, MailPurpose.OrderCancelled), email,
            "Your order was cancelled",
            $"Hello {name},\n\nwe could not complete your order {orderId}, so it was cancelled and nothing was kept from it. The reason: {reason}\n",
            sentFor: customer);
}
