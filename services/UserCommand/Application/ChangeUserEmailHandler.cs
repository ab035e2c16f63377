using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application;

/// <param name="ExpectedVersion">The version the caller last saw (If-Match), or null to act on the latest.</param>
public sealed record ChangeUserEmail(Guid UserId, string? Email, long? ExpectedVersion);

public sealed class ChangeUserEmailHandler(IUserRepository users)
{
    public async Task<UserVersion> HandleAsync(ChangeUserEmail command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Parse(command.Email);
        var user = await users.LoadAsync(command.UserId, cancellationToken)
            ?? throw new UserNotFoundException(command.UserId);

        if (command.ExpectedVersion is { } expected && expected != user.Version)
            throw new VersionMismatchException(user.Id, expected);

        if (user.ChangeEmail(email) is not { } updated)
            return new UserVersion(user.Id, user.Version);

        try
        {
            var version = await users.AppendAsync(user.Id, user.Version, updated, cancellationToken);
            return new UserVersion(user.Id, version);
        }
        catch (ConcurrencyConflictException) when (command.ExpectedVersion is { } expectedVersion)
        {
            // Another write won the race after our check: for a conditional request that is a failed precondition.
            throw new VersionMismatchException(user.Id, expectedVersion);
        }
    }
}
