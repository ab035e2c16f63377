using MassTransit;
using Platform.Contracts.Users.V1;

namespace Platform.Email.Application.ForgettingUsers;

/// <summary>
/// An erased user's mails leave the log (ADR 0038). What reached the SMTP server's Maildir is the outside world: mail
/// already sent is not recalled.
/// </summary>
public sealed class UserErasedConsumer(IMailLog mails, ILogger<UserErasedConsumer> logger) : IConsumer<UserErased>
{
    public async Task Consume(ConsumeContext<UserErased> context)
    {
        var forgotten = await mails.ForgetAsync(context.Message.UserId, context.CancellationToken);
        logger.LogInformation("Forgot {Mails} mails of erased user {UserId}", forgotten, context.Message.UserId);
    }
}
