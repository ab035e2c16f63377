namespace Platform.AppHost.Infrastructure;

/// <summary>An SMTP server that delivers every mail as a file into a Maildir on this machine, where tests read what arrived.</summary>
public interface IMaildirServer : IResourceWithConnectionString
{
    /// <summary>The Maildir: one file per mail in its new/ folder.</summary>
    string Maildir { get; }
}
