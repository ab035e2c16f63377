using MassTransit;
using Platform.Contracts.Users.V1;

namespace Platform.UserQuery.Application.ProjectingProfiles;

public sealed class UserRegisteredConsumer(IUserProfiles profiles, ILogger<UserRegisteredConsumer> logger)
    : IConsumer<UserRegistered>
{
    public async Task Consume(ConsumeContext<UserRegistered> context)
    {
        var registered = context.Message;
        if (!await profiles.AddAsync(registered, context.CancellationToken))
            logger.LogInformation("Ignored redelivered registration of user {UserId}", registered.UserId);
    }
}
