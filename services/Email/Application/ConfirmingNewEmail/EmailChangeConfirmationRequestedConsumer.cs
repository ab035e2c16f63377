using MassTransit;
using Platform.Contracts.Users.V1;
using Platform.Email.Application.DeliveringMail;
using Platform.Email.Domain;

namespace Platform.Email.Application.ConfirmingNewEmail;

/// <summary>The code that confirms an email change, to the new address: sent, never recorded.</summary>
public sealed class EmailChangeConfirmationRequestedConsumer(MailDelivery delivery) : IConsumer<EmailChangeConfirmationRequested>
{
    public Task Consume(ConsumeContext<EmailChangeConfirmationRequested> context)
    {
        var requested = context.Message;
        return delivery.DeliverAsync(
            [Mails.ConfirmNewEmail(requested.UserId, requested.Version, requested.NewEmail, requested.Code, requested.ExpiresAt)],
            MailRetries.IsLast(context.GetRetryAttempt()), context.CancellationToken);
    }
}
