using Microsoft.AspNetCore.SignalR;
using Platform.Chat.Application.CatchingUp;
using Platform.Chat.Application.Live;
using Platform.Chat.Application.Typing;

namespace Platform.Chat.Api.Live;

public static class LiveApiExtensions
{
    public const string HubPath = "/hubs/chat";

    /// <summary>The hub, its refusals as hub errors, and the pushes to this instance's connections.</summary>
    public static IHostApplicationBuilder AddChatHub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR(hub =>
        {
            hub.AddFilter<ChatHubErrors>();
            // Room for a message at the text limit in any script (4,000 characters, up to 4 bytes each), so that the
            // limit is refused by its rule, with its name, not by the transport.
            hub.MaximumReceiveMessageSize = 64 * 1024;
        });
        builder.Services.AddSingleton<ChatMetrics>();
        builder.Services.AddSingleton<ILiveClients, HubLiveClients>();
        builder.Services.AddScoped<CatchUpHandler>();
        builder.Services.AddScoped<TypingHandler>();
        return builder;
    }

    public static WebApplication MapChatHub(this WebApplication app)
    {
        app.MapHub<ChatHub>(HubPath);
        return app;
    }
}
