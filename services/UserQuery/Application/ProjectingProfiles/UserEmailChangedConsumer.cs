using MassTransit;
using Platform.Contracts.Users.V1;

namespace Platform.UserQuery.Application.ProjectingProfiles;

public sealed class UserEmailChangedConsumer(IUserProfiles profiles, ILogger<UserEmailChangedConsumer> logger)
    : IConsumer<UserEmailChanged>
{
    public async Task Consume(ConsumeContext<UserEmailChanged> context)
    {
        var changed = context.Message;
        switch (await profiles.ApplyAsync(changed, context.CancellationToken))
        {
            case ProjectionOutcome.AlreadyApplied:
                logger.LogInformation("Ignored email change of user {UserId} at version {Version}: already applied",
                    changed.UserId, changed.Version);
                break;
            case ProjectionOutcome.ProfileNotYetKnown:
                // The registration is still in flight (consumers run concurrently): let the retry policy try again.
                throw new ProfileNotYetKnownException(changed.UserId);
        }
    }
}

public sealed class ProfileNotYetKnownException(Guid userId)
    : Exception($"No profile for user '{userId}' yet: its registration has not been projected.");
