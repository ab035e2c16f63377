using Platform.Chat.Application.PostingMessage;
using Platform.Plugins;
using Platform.Plugins.Hosting;

namespace Platform.Chat.Infrastructure.Plugins;

/// <summary>The chat's hook on the shared microkernel: the enabled pre-post plugins in turn, the first refusal wins.</summary>
public sealed class KernelPostingHooks(PluginKernel kernel) : IPostingHooks
{
    public const string PrePost = "pre_message_post";

    public static readonly IReadOnlyList<HookKind> Kinds = [new(typeof(IPrePostHook), PrePost)];

    public async Task<PostRefusal?> BeforePostAsync(Guid roomId, Guid authorId, string text, CancellationToken ct)
    {
        var candidate = new MessageCandidate(roomId, authorId, text);
        foreach (var (plugin, hook) in kernel.Enabled<IPrePostHook>())
        {
            var verdict = await kernel.RunAsync(plugin, PrePost, token => hook.BeforePostAsync(candidate, token), ct, refused: verdict => verdict.IsRejected);
            if (verdict is { IsRejected: true })
                return new PostRefusal(plugin.Name, verdict.RejectionReason!);
        }
        return null;
    }
}
