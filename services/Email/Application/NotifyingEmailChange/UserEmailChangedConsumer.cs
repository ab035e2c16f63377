using MassTransit;
using Platform.Contracts.Users.V1;
using Platform.Email.Domain;
using Platform.Email.Application.DeliveringMail;

namespace Platform.Email.Application.NotifyingEmailChange;

public sealed class UserEmailChangedConsumer(MailDelivery delivery) : IConsumer<UserEmailChanged>
{
    public Task Consume(ConsumeContext<UserEmailChanged> context)
    {
        var changed = context.Message;
        return delivery.DeliverAsync(
            Mails.EmailChanged(changed.UserId, changed.Version, changed.PreviousEmail, changed.Email),
            MailRetries.IsLast(context.GetRetryAttempt()), context.CancellationToken);
    }
}
