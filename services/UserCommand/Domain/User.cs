namespace Platform.UserCommand.Domain;

/// <summary>
/// The event-sourced user. Decisions (<see cref="Register"/>, <see cref="ChangeEmail"/>) return the events they
/// cause and change nothing; state changes only by applying events, which is how a user is rebuilt from its stream.
/// </summary>
public sealed class User
{
    private User(Guid id, string name, string email)
    {
        Id = id;
        Name = name;
        Email = email;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Email { get; private set; }

    /// <summary>The stream version this state reflects: the number of events applied.</summary>
    public long Version { get; private set; }

    public static UserCreated Register(Guid id, UserName name, EmailAddress email)
    {
        if (id == Guid.Empty)
            throw new InvalidUserDataException("id", "A user needs a non-empty id.");
        return new UserCreated(id, name.Value, email.Value);
    }

    /// <summary>Returns the event to append, or null when the user already has this address (nothing to record).</summary>
    public EmailUpdated? ChangeEmail(EmailAddress newEmail) =>
        newEmail.Value == Email ? null : new EmailUpdated(Id, Email, newEmail.Value);

    public static User Create(UserCreated created) => new(created.UserId, created.Name, created.Email) { Version = 1 };

    public void Apply(EmailUpdated updated)
    {
        Email = updated.NewEmail;
        Version++;
    }
}
