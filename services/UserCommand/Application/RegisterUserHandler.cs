using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application;

public sealed record RegisterUser(string? Name, string? Email);

/// <summary>
/// Registers a user: validates, asks the plugins' pre-registration hooks, starts the stream (the store refuses an
/// email that is taken), then tells the post-registration hooks.
/// </summary>
public sealed class RegisterUserHandler(IUserRepository users, IRegistrationHooks hooks)
{
    public async Task<UserVersion> HandleAsync(RegisterUser command, CancellationToken cancellationToken)
    {
        var name = UserName.Parse(command.Name);
        var email = EmailAddress.Parse(command.Email);
        if (await hooks.BeforeRegistrationAsync(name.Value, email.Value, cancellationToken) is { } refusal)
            throw new RegistrationRejectedException(refusal);

        var created = User.Register(Guid.CreateVersion7(), name, email);
        await users.StartAsync(created, cancellationToken);
        await hooks.AfterRegistrationAsync(created.UserId, name.Value, email.Value, cancellationToken);
        return new UserVersion(created.UserId, 1);
    }
}
