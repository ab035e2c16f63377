using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.EventStore.Outbox;

public static class OutboxRegistration
{
    /// <summary>How long the forwarder holds at a gap in the sequence before Marten may skip it (ADR 0025).</summary>
    public static readonly TimeSpan StaleSequenceThreshold = TimeSpan.FromMilliseconds(250);

    /// <summary>Sends what <typeparamref name="TMessages"/> maps the default store's committed events to, from the async daemon.</summary>
    /// <param name="daemon">Solo where one instance writes the store; HotCold where several do, so that one of them, the
    /// leader of the moment, forwards (another takes over if it dies).</param>
    /// <param name="inOrder">Send a page's messages one after another, in the store's order, rather than all at once:
    /// for subscribers that push them on in that order (the chat's rooms), at the price of a confirm's wait each.</param>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStoreOutbox<TMessages>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, DaemonMode daemon = DaemonMode.Solo, bool inOrder = false)
        where TMessages : class, IOutboxMessages
    {
        Register<IDocumentStore, TMessages>(marten.Services, inOrder, services => services.GetRequiredService<IProjectionCoordinator>());
        marten.Services.ConfigureMarten(Poll);
        return marten
            .AddSubscriptionWithServices<EventStoreOutbox<TMessages>>(ServiceLifetime.Singleton)
            .AddAsyncDaemon(daemon);
    }

    /// <summary>
    /// The same for a store of its own, <typeparamref name="TStore"/> (Marten's <c>AddMartenStore</c>): a module that
    /// shares a process with others (the monolith, ADR 0053) keeps its events, forwarder and history apart from theirs.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenStoreExpression<TStore> AddEventStoreOutbox<TStore, TMessages>(
        this MartenServiceCollectionExtensions.MartenStoreExpression<TStore> marten, DaemonMode daemon = DaemonMode.Solo, bool inOrder = false)
        where TStore : class, IDocumentStore
        where TMessages : class, IOutboxMessages
    {
        Register<TStore, TMessages>(marten.Services, inOrder,
            services => services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator<TStore>>());
        marten.Services.ConfigureMarten<TStore>(Poll);
        return marten
            .AddSubscriptionWithServices<EventStoreOutbox<TMessages>>(ServiceLifetime.Singleton)
            .AddAsyncDaemon(daemon);
    }

    /// <summary>The mapping, keyed by its store for the history, how its pages are sent, and a watchdog of its own.</summary>
    private static void Register<TStore, TMessages>(
        IServiceCollection services, bool inOrder, Func<IServiceProvider, IProjectionCoordinator> coordinator)
        where TMessages : class, IOutboxMessages
    {
        services.AddSingleton(new OutboxSending<TMessages>(inOrder));
        services.AddSingleton<TMessages>();
        services.AddKeyedSingleton<IOutboxMessages>(typeof(TStore), (provider, _) => provider.GetRequiredService<TMessages>()); // the history reads through it
        // A paused forwarder is restarted, loudly. Not AddHostedService, which keeps one per type: each store has its own.
        services.AddSingleton<IHostedService>(provider =>
            new ForwarderWatchdog(coordinator(provider), provider.GetRequiredService<ILogger<ForwarderWatchdog>>()));
    }

    private static void Poll(StoreOptions options)
    {
        // Poll for new events often enough for a low lag. (Waking on every commit with LISTEN/NOTIFY made one tiny
        // page per commit under load, and the forwarder fell seconds behind: see ADR 0003 and the README's figures.)
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(100);
        // A rolled-back append (a refused registration, a workflow step that lost a concurrency race) leaves a gap
        // in the sequence, and the forwarder holds there until the gap is judged stale: Marten's default of 3 s made
        // every order workflow wait seconds. Marten skips a stale gap only when no live transaction could still fill
        // it (its transaction evidence), so a shorter wait does not lose a slow commit.
        options.Projections.StaleSequenceThreshold = StaleSequenceThreshold;
    }
}

/// <summary>How the forwarder of <typeparamref name="TMessages"/> sends a page: all at once, or one message after another in the store's order.</summary>
/// <param name="Within">How long one send may take (<see cref="EventStoreOutbox{TMessages}.SendWithin"/> unless set).</param>
public sealed record OutboxSending<TMessages>(bool InOrder, TimeSpan? Within = null) where TMessages : IOutboxMessages;
