using MassTransit;
using Platform.Chat.Application.Live;
using Platform.Chat.Application.Presence;
using Platform.ServiceDefaults;

namespace Platform.Chat.Infrastructure.Live;

public static class LiveExtensions
{
    /// <summary>
    /// The backplane over RabbitMQ (ADR 0051): an endpoint of this instance's own, deleted with it, that hears every
    /// instance's updates and signals, one at a time; the presence table and heartbeat; the room's stream read back.
    /// </summary>
    public static IHostApplicationBuilder AddChatBackplane(this IHostApplicationBuilder builder)
    {
        // The orchestrator's resource name (chat, chat-2) where it gives one, else the host's (a pod's name).
        var instance = new ChatInstance(builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : Environment.MachineName.ToLowerInvariant());
        builder.Services.AddSingleton(instance);
        builder.Services.Configure<PresenceOptions>(builder.Configuration.GetSection(PresenceOptions.Section));
        builder.Services.AddSingleton<PresenceTable>();
        builder.Services.AddSingleton<LocalConnections>();
        builder.Services.AddSingleton<HearingBeats>();
        builder.Services.AddSingleton<ILiveSignals, BusLiveSignals>();
        builder.Services.AddScoped<IRoomHistory, MartenRoomHistory>();
        builder.Services.AddHostedService<PresenceHeartbeat>();
        builder.AddPlatformBus(bus => bus.AddConsumer<BackplaneConsumer>().Endpoint(endpoint =>
        {
            endpoint.Name = $"chat-live-{instance.Key}";
            endpoint.Temporary = true; // deleted when this instance's connection to the broker closes, however it ends
            endpoint.ConcurrentMessageLimit = 1; // in the order heard, which is each room's order
        }));
        return builder;
    }
}
