using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.EventStore.Outbox;

public static class OutboxRegistration
{
    /// <summary>Sends what <typeparamref name="TMessages"/> maps committed events to, from the async daemon (one node).</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStoreOutbox<TMessages>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
        where TMessages : class, IOutboxMessages
    {
        marten.Services.AddSingleton<TMessages>();
        marten.Services.AddSingleton<IOutboxMessages>(services => services.GetRequiredService<TMessages>()); // the history reads through it
        return marten
            .AddSubscriptionWithServices<EventStoreOutbox<TMessages>>(ServiceLifetime.Singleton)
            .AddAsyncDaemon(DaemonMode.Solo);
    }
}
