using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Email.Application;
using Platform.Email.Domain;
using Platform.Email.Application.DeliveringMail;

namespace Platform.Email.Infrastructure.Smtp;

/// <summary>
/// The SMTP adapter, on MailKit. One connection, kept open between mails and used by one sender at a time
/// (MailKit's client is not thread-safe); a failed mail drops it, and the next one connects again, because
/// MailKit never reconnects by itself.
/// </summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender, IAsyncDisposable
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private SmtpClient? client;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var message = ToMime(mail);
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var connected = await ConnectedAsync(cancellationToken);
            await connected.SendAsync(message, cancellationToken);
        }
        catch
        {
            await DisconnectAsync();
            throw;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (client is { IsConnected: true })
            return client;

        var smtp = options.Value;
        client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
        if (smtp.UserName is { Length: > 0 })
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        return client;
    }

    /// <summary>The Message-ID names the mail, so a receiver can drop the copy a crash at the wrong moment could send.</summary>
    private MimeMessage ToMime(OutgoingMail mail)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Body = new TextPart("plain") { Text = mail.Body },
            MessageId = $"{mail.Key.UserId:N}.{mail.Key.Version}.{mail.Key.Purpose}@platform.localhost".ToLowerInvariant(),
        };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        return message;
    }

    private async Task DisconnectAsync()
    {
        if (client is null)
            return;
        try
        {
            if (client.IsConnected)
                await client.DisconnectAsync(quit: false);
        }
        catch (Exception)
        {
            // the connection is broken already; it is dropped either way
        }
        client.Dispose();
        client = null;
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        oneAtATime.Dispose();
    }
}
