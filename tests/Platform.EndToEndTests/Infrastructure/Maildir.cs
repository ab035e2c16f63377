using MimeKit;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>The SMTP server's Maildir: every mail it accepted, one file each in new/.</summary>
public sealed class Maildir(string path)
{
    /// <summary>Every mail delivered to <paramref name="address"/> so far (the server records the envelope's recipients).</summary>
    public IReadOnlyList<MimeMessage> To(string address) => [.. ByRecipient()[address.ToLowerInvariant()]];

    /// <summary>Every mail delivered so far, by recipient (lower case), read in one pass over the folder.</summary>
    public ILookup<string, MimeMessage> ByRecipient()
    {
        var arrived = Path.Combine(path, "new");
        if (!Directory.Exists(arrived))
            return Array.Empty<MimeMessage>().ToLookup(_ => "");
        return Directory.EnumerateFiles(arrived)
            .Select(file => MimeMessage.Load(file))
            .SelectMany(mail => (mail.Headers["X-RcptTo"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(to => (to: to.ToLowerInvariant(), mail)))
            .ToLookup(delivery => delivery.to, delivery => delivery.mail);
    }

    /// <summary>Waits until <paramref name="count"/> mails have reached <paramref name="address"/>, then returns them all.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count, TimeSpan within) =>
        Eventually.GetAsync(() =>
        {
            var mails = To(address);
            return Task.FromResult((mails.Count >= count, mails));
        }, within, $"{count} mail(s) to {address} in {path}");
}
