using MassTransit;
using Platform.Contracts.Users.V1;

namespace Platform.UserQuery.Application.ProjectingProfiles;

/// <summary>An erased user's profile forgets its name and email (ADR 0038); it is found no more, and counted among the registrations of its day.</summary>
public sealed class UserErasedConsumer(IUserProfiles profiles, ILogger<UserErasedConsumer> logger) : IConsumer<UserErased>
{
    public async Task Consume(ConsumeContext<UserErased> context)
    {
        var erased = context.Message;
        switch (await profiles.EraseAsync(erased, context.CancellationToken))
        {
            case ProjectionOutcome.AlreadyApplied:
                logger.LogInformation("Ignored erasure of user {UserId} at version {Version}: already applied", erased.UserId, erased.Version);
                break;
            case ProjectionOutcome.ProfileNotYetKnown:
                throw new ProfileNotYetKnownException(erased.UserId);
        }
    }
}
