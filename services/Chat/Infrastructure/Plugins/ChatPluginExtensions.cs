using Platform.Chat.Application.PostingMessage;
using Platform.Plugins.Hosting;

namespace Platform.Chat.Infrastructure.Plugins;

public static class ChatPluginExtensions
{
    /// <summary>
    /// Moderation through the shared microkernel (the one user-command hosts its registration plugins with): the
    /// plugins folder's plugins that implement the pre-post hook, such as the example word filter.
    /// </summary>
    public static IHostApplicationBuilder AddChatPlugins(this IHostApplicationBuilder builder)
    {
        builder.AddPluginKernel(builtIns: [], KernelPostingHooks.Kinds);
        builder.Services.AddSingleton<IPostingHooks, KernelPostingHooks>();
        return builder;
    }
}
