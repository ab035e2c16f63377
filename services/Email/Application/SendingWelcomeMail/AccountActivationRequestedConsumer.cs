using MassTransit;
using Platform.Contracts.Users.V1;
using Platform.Email.Application.DeliveringMail;
using Platform.Email.Domain;

namespace Platform.Email.Application.SendingWelcomeMail;

/// <summary>The welcome mail, with the link that activates the account: its one-time code is sent, never recorded.</summary>
public sealed class AccountActivationRequestedConsumer(MailDelivery delivery) : IConsumer<AccountActivationRequested>
{
    public Task Consume(ConsumeContext<AccountActivationRequested> context)
    {
        var requested = context.Message;
        return delivery.DeliverAsync(
            [Mails.Welcome(requested.UserId, requested.Version, requested.Name, requested.Email, requested.ActivationLink, requested.ExpiresAt)],
            MailRetries.IsLast(context.GetRetryAttempt()), context.CancellationToken);
    }
}
