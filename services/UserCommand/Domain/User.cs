namespace Platform.UserCommand.Domain;

/// <summary>
/// The event-sourced user's state: an immutable record, rebuilt by folding its stream with <see cref="UserDecider.Evolve"/>
/// (Marten folds it through <see cref="Create"/> and <see cref="Apply"/>). What a user may do is decided by
/// <see cref="UserDecider"/>, on the commands below.
/// </summary>
public sealed record User(Guid Id, string Name, string Email, long Version)
{
    /// <summary>Register a new user under <paramref name="UserId"/>.</summary>
    public sealed record Register(Guid UserId, UserName Name, EmailAddress Email);

    /// <summary>Give the user another email address.</summary>
    public sealed record ChangeEmail(EmailAddress NewEmail);

    public static User Create(UserCreated created) => UserDecider.Evolve(null, created);

    public User Apply(EmailUpdated updated) => UserDecider.Evolve(this, updated);
}
