namespace Platform.Email.Domain;

/// <summary>Where a mail is on its way: Queued → Sent, or Queued → Retrying (→ Retrying …) → Sent or Dead.</summary>
public enum DeliveryState
{
    /// <summary>Recorded, not yet handed to the SMTP server.</summary>
    Queued,

    /// <summary>The SMTP server accepted it.</summary>
    Sent,

    /// <summary>The last attempt failed; another will follow.</summary>
    Retrying,

    /// <summary>Every attempt failed; the message that caused it waits in the error queue.</summary>
    Dead,
}
