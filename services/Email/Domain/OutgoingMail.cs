namespace Platform.Email.Domain;

/// <summary>One mail the service owes someone, and the state of its delivery (see <see cref="DeliveryState"/>).</summary>
public sealed class OutgoingMail
{
    /// <param name="recordedBody">What the log keeps of the body, when it must not keep all of it (a one-time code); the body by default.</param>
    /// <param name="sentFor">The user the mail is for; by default the key's user (an order's mail names its customer).</param>
    public OutgoingMail(MailKey key, string to, string subject, string body, string? recordedBody = null, Guid? sentFor = null)
    {
        Key = key;
        SentFor = sentFor ?? key.UserId;
        To = to;
        Subject = subject;
        Body = body;
        RecordedBody = recordedBody ?? body;
    }

    public MailKey Key { get; }

    /// <summary>Whose mail this is: only they (or an admin) list it, and erasing them removes it.</summary>
    public Guid SentFor { get; }

    public string To { get; }

    public string Subject { get; }

    public string Body { get; }

    /// <summary>What the mail log keeps: the body, or the body without what must be sent and not kept.</summary>
    public string RecordedBody { get; }

    public DeliveryState State { get; private set; } = DeliveryState.Queued;

    /// <summary>How many times it was handed to the SMTP server, successfully or not.</summary>
    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public bool IsSettled => State is DeliveryState.Sent or DeliveryState.Dead;

    public void Sent()
    {
        EnsureOpen();
        Attempts++;
        State = DeliveryState.Sent;
        LastError = null;
    }

    /// <summary>An attempt failed: another follows (<see cref="DeliveryState.Retrying"/>) unless it was the last.</summary>
    public void Failed(string error, bool lastAttempt)
    {
        EnsureOpen();
        Attempts++;
        State = lastAttempt ? DeliveryState.Dead : DeliveryState.Retrying;
        LastError = error;
    }

    /// <summary>Restores a mail as it was recorded.</summary>
    public static OutgoingMail Restore(MailKey key, string to, string subject, string body, DeliveryState state, int attempts, string? lastError) =>
        new(key, to, subject, body) { State = state, Attempts = attempts, LastError = lastError };

    private void EnsureOpen()
    {
        if (IsSettled)
            throw new InvalidOperationException($"The mail {Key} is already {State}.");
    }
}
