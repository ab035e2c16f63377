using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.EventStore.Outbox;
using Platform.EventStore.UnitOfWork;

namespace Platform.EventStore.Tests.Registration;

/// <summary>
/// Two stores in one process (the monolith, ADR 0053): each keeps its own forwarder's watchdog, its own outbox mapping
/// for its history, and a module's unit of work writes in the sessions it was given, never the process's default.
/// Nothing here connects: the stores are built, not used.
/// </summary>
public sealed class StoreRegistrationTests
{
    private const string Nowhere = "Host=localhost;Port=1;Database=none;Username=none;Password=none";

    [Fact]
    public void Each_store_has_its_own_watchdog_and_its_own_mapping_for_its_history()
    {
        using var services = TwoStores().BuildServiceProvider();

        Assert.Equal(2, services.GetServices<IHostedService>().OfType<ForwarderWatchdog>().Count());
        Assert.IsType<DefaultMessages>(services.GetRequiredKeyedService<IOutboxMessages>(typeof(IDocumentStore)));
        Assert.IsType<ModuleMessages>(services.GetRequiredKeyedService<IOutboxMessages>(typeof(IModuleStore)));
        Assert.False(services.GetRequiredService<OutboxSending<DefaultMessages>>().InOrder);
        Assert.True(services.GetRequiredService<OutboxSending<ModuleMessages>>().InOrder);
    }

    [Fact]
    public async Task A_unit_of_work_writes_in_the_sessions_it_was_given()
    {
        var registered = TwoStores();
        registered.AddEventSourced<Ledger, ModuleSessions>();
        registered.AddEventSourced<Account>(); // the default store's, in the request's session
        await using var services = registered.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var scope = services.CreateAsyncScope();

        var ledgers = scope.ServiceProvider.GetRequiredService<IEventSourcedUnitOfWork<Ledger>>();
        var opened = await Assert.ThrowsAsync<SessionOpened>(() => ledgers.StartAsync(Guid.NewGuid(), [new object()], CancellationToken.None));
        Assert.Same(scope.ServiceProvider.GetRequiredService<ModuleSessions>(), opened.By);
        Assert.IsType<RequestSession>(scope.ServiceProvider.GetRequiredService<IStreamSessions>());
    }

    private static ServiceCollection TwoStores()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IBus>(_ => null!); // the forwarders' bus: never resolved unless a daemon runs
        services.AddMarten(Nowhere).AddEventStoreOutbox<DefaultMessages>();
        services.AddMartenStore<IModuleStore>(_ => { var options = new StoreOptions(); options.Connection(Nowhere); return options; })
            .AddEventStoreOutbox<IModuleStore, ModuleMessages>(inOrder: true);
        return services;
    }

    public interface IModuleStore : IDocumentStore;

    public sealed record Ledger;

    public sealed record Account;

    private sealed class ModuleSessions : IStreamSessions
    {
        public IDocumentSession For(Guid streamId) => throw new SessionOpened(this);

        public ValueTask<IDocumentSession> ForWritingAsync(Guid streamId, CancellationToken ct) => throw new SessionOpened(this);
    }

    private sealed class SessionOpened(ModuleSessions by) : Exception
    {
        public ModuleSessions By { get; } = by;
    }

    private sealed class DefaultMessages : IOutboxMessages
    {
        public IReadOnlyCollection<Type> EventTypes => [];

        public IEnumerable<object> ToMessages(IEvent stored) => [];
    }

    private sealed class ModuleMessages : IOutboxMessages
    {
        public IReadOnlyCollection<Type> EventTypes => [];

        public IEnumerable<object> ToMessages(IEvent stored) => [];
    }
}
