using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Infrastructure.EventStore;

/// <summary>
/// Each user's current email, kept by an inline projection in the same transaction as the events. A unique index on
/// <see cref="Email"/> makes the second of two concurrent registrations (or changes) with one address fail whole.
/// </summary>
public sealed class UserEmailIndex
{
    public Guid Id { get; set; }

    public string Email { get; set; } = "";

    public static UserEmailIndex Create(UserCreated created) => new() { Id = created.UserId, Email = created.Email };

    public void Apply(EmailUpdated updated) => Email = updated.NewEmail;

    /// <summary>An erased user's address is free again: the erasure's commit deletes the entry.</summary>
    public bool ShouldDelete(PersonalDataErased erased) => true;
}
