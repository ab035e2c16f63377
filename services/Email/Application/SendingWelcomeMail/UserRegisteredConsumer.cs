using MassTransit;
using Platform.Contracts.Users.V1;
using Platform.Email.Domain;
using Platform.Email.Application.DeliveringMail;

namespace Platform.Email.Application.SendingWelcomeMail;

public sealed class UserRegisteredConsumer(MailDelivery delivery) : IConsumer<UserRegistered>
{
    public Task Consume(ConsumeContext<UserRegistered> context)
    {
        var registered = context.Message;
        return delivery.DeliverAsync(
            [Mails.Welcome(registered.UserId, registered.Version, registered.Name, registered.Email)],
            MailRetries.IsLast(context.GetRetryAttempt()), context.CancellationToken);
    }
}
