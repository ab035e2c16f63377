using Platform.Email.Application;
using Platform.Email.Domain;
using Platform.Email.Application.DeliveringMail;

namespace Platform.Email.Tests.Application;

/// <summary>A mail server for the use case's tests: records what it accepted, refuses while it is told to.</summary>
public sealed class RecordingMailSender : IMailSender
{
    public List<OutgoingMail> Accepted { get; } = [];

    public string? RefuseWith { get; set; }

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (RefuseWith is not null)
            throw new IOException(RefuseWith);
        Accepted.Add(mail);
        return Task.CompletedTask;
    }
}
