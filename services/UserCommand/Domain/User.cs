namespace Platform.UserCommand.Domain;

/// <summary>
/// The event-sourced user's state: an immutable record, rebuilt by folding its stream with <see cref="UserDecider.Evolve"/>
/// (Marten folds it through <see cref="Create"/> and <see cref="Apply"/>). What a user may do is decided by
/// <see cref="UserDecider"/>, on the commands below.
/// </summary>
public sealed record User(Guid Id, string Name, string Email, long Version)
{
    /// <summary>The address the user asked to move to and not yet confirmed, if any.</summary>
    public PendingEmail? Pending { get; init; }

    /// <summary>The user was erased: only the id and the times remain, and nothing more is recorded.</summary>
    public bool Erased { get; init; }

    /// <summary>Register a new user under <paramref name="UserId"/>.</summary>
    public sealed record Register(Guid UserId, UserName Name, EmailAddress Email);

    /// <summary>Give the user another email address at once (an admin's change).</summary>
    public sealed record ChangeEmail(EmailAddress NewEmail);

    /// <summary>Ask to move to another address; it takes effect when confirmed with the code mailed there.</summary>
    public sealed record RequestEmailChange(EmailAddress NewEmail, DateTimeOffset At);

    /// <summary>Move to the pending address: the caller proved it reads it (the code was checked before).</summary>
    public sealed record ConfirmEmailChange;

    /// <summary>Forget the user's personal data.</summary>
    public sealed record Erase(DateTimeOffset At);

    public static User Create(UserCreated created) => UserDecider.Evolve(null, created);

    public User Apply(EmailUpdated updated) => UserDecider.Evolve(this, updated);

    public User Apply(EmailChangeRequested requested) => UserDecider.Evolve(this, requested);

    public User Apply(PersonalDataErased erased) => UserDecider.Evolve(this, erased);
}
