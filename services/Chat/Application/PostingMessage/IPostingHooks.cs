namespace Platform.Chat.Application.PostingMessage;

/// <summary>
/// The microkernel's port in the chat: plugins that see a new message before it is posted, and may refuse it
/// (moderation). A hook that fails or runs late never stops a post; only an explicit refusal does.
/// </summary>
public interface IPostingHooks
{
    /// <summary>The first refusal of the enabled pre-post hooks, or null when all let the message through.</summary>
    Task<PostRefusal?> BeforePostAsync(Guid roomId, Guid authorId, string text, CancellationToken ct);
}

/// <summary>Which plugin refused a message, and why.</summary>
public sealed record PostRefusal(string Plugin, string Reason);
