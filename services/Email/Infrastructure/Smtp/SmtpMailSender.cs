using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Email.Application.DeliveringMail;
using Platform.Email.Domain;

namespace Platform.Email.Infrastructure.Smtp;

/// <summary>
/// The SMTP adapter, on MailKit, with a pool of connections (Smtp:Connections, ADR 0056): as many mails in flight as
/// there are connections, each connection used by one mail at a time (MailKit's client is not thread-safe) and kept
/// open for the next. A mail that fails drops its connection, and the next one on that slot connects again, because
/// MailKit never reconnects by itself.
/// </summary>
public sealed class SmtpMailSender : IMailSender, IAsyncDisposable
{
    private readonly IOptions<SmtpOptions> options;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentBag<SmtpClient> idle = [];

    public SmtpMailSender(IOptions<SmtpOptions> options)
    {
        this.options = options;
        slots = new SemaphoreSlim(Math.Max(1, options.Value.Connections));
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var message = ToMime(mail);
        await slots.WaitAsync(cancellationToken);
        SmtpClient? client = null;
        try
        {
            client = await ConnectedAsync(cancellationToken);
            await client.SendAsync(message, cancellationToken);
            idle.Add(client);
        }
        catch
        {
            if (client is not null)
                await DropAsync(client);
            throw;
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>An open connection from the pool, or a new one.</summary>
    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        while (idle.TryTake(out var pooled))
        {
            if (pooled.IsConnected)
                return pooled;
            await DropAsync(pooled); // the server closed it while it waited
        }

        var smtp = options.Value;
        var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
            if (smtp.UserName is { Length: > 0 })
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            return client;
        }
        catch
        {
            await DropAsync(client);
            throw;
        }
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

    private static async Task DropAsync(SmtpClient client)
    {
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
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var client))
            await DropAsync(client);
        slots.Dispose();
    }
}
