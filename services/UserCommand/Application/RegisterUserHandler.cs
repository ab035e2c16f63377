using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application;

public sealed record RegisterUser(string? Name, string? Email);

/// <summary>Registers a user: validates, then starts the stream; the store refuses an email that is taken.</summary>
public sealed class RegisterUserHandler(IUserRepository users)
{
    public async Task<UserVersion> HandleAsync(RegisterUser command, CancellationToken cancellationToken)
    {
        var name = UserName.Parse(command.Name);
        var email = EmailAddress.Parse(command.Email);

        var created = User.Register(Guid.CreateVersion7(), name, email);
        await users.StartAsync(created, cancellationToken);
        return new UserVersion(created.UserId, 1);
    }
}
