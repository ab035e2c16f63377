using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application;

public sealed record RegisterUser(string? Name, string? Email);

/// <summary>Registers a user: validates, checks the email is free and starts the stream.</summary>
public sealed class RegisterUserHandler(IUserRepository users)
{
    public async Task<UserVersion> HandleAsync(RegisterUser command, CancellationToken cancellationToken)
    {
        var name = UserName.Parse(command.Name);
        var email = EmailAddress.Parse(command.Email);

        // Fast path for the common case; the repository's unique index is what holds under concurrency.
        if (await users.IsEmailTakenAsync(email, cancellationToken))
            throw new EmailAlreadyTakenException(email.Value);

        var created = User.Register(Guid.CreateVersion7(), name, email);
        await users.StartAsync(created, cancellationToken);
        return new UserVersion(created.UserId, 1);
    }
}
