namespace Platform.Plugins;

/// <summary>
/// A plugin of the chat's microkernel: runs before a new message is posted, and may refuse it (moderation). The chat
/// tells the sender the plugin's reason; a hook that throws or runs late is passed over, and the message is posted.
/// </summary>
public interface IPrePostHook : IPlugin
{
    Task<HookVerdict> BeforePostAsync(MessageCandidate message, CancellationToken cancellationToken);
}

/// <summary>A message about to be posted: its room, its author and its text.</summary>
public sealed record MessageCandidate(Guid RoomId, Guid AuthorId, string Text);
