using Platform.Email.Domain;

namespace Platform.Email.Application.DeliveringMail;

/// <summary>The port to the outside world's mail system. Throws when the mail was not accepted.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
