namespace Platform.Email.Domain;

public enum MailPurpose
{
    /// <summary>To a newly registered user.</summary>
    Welcome,

    /// <summary>To the address a user left: someone changed it (so a hijack does not go unnoticed).</summary>
    EmailChangedFrom,

    /// <summary>To the address a user moved to: it now receives the account's mail.</summary>
    EmailChangedTo,

    /// <summary>To the address a user asked to move to: the code that confirms it.</summary>
    EmailChangeConfirmation,

    /// <summary>To a customer whose order's workflow succeeded.</summary>
    OrderConfirmed,

    /// <summary>To a customer whose order was cancelled, with the reason.</summary>
    OrderCancelled,
}
