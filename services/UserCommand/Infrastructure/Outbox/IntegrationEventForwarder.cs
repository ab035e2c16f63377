using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Platform.ServiceDefaults;
using Platform.UserCommand.Infrastructure.EventStore;

namespace Platform.UserCommand.Infrastructure.Outbox;

/// <summary>
/// The event store is the outbox: this Marten subscription reads committed events in order and publishes their
/// contracts to RabbitMQ. Marten records how far it got only after a page is published, so a crash re-sends
/// the page rather than losing it (at-least-once); the message id is the event id, and consumers are idempotent.
/// </summary>
public sealed class IntegrationEventForwarder : SubscriptionBase
{
    private readonly IBus bus;

    public IntegrationEventForwarder(IBus bus)
    {
        this.bus = bus;
        Name = "integration-event-forwarder";
        foreach (var type in IntegrationEvents.Forwarded)
            IncludeType(type);
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        await Task.WhenAll(page.Events.Select(stored => ForwardAsync(stored, cancellationToken)));
        return NullChangeListener.Instance;
    }

    private async Task ForwardAsync(IEvent stored, CancellationToken cancellationToken)
    {
        if (IntegrationEvents.ToContract(stored) is not { } contract)
            return;

        using var activity = PlatformActivity.Source.StartActivity(
            $"forward {stored.EventType.Name}", ActivityKind.Internal, stored.ReadTraceContext());
        activity?.SetTag("platform.event.sequence", stored.Sequence);
        activity?.SetTag("platform.stream.id", stored.StreamId);

        await bus.Publish(contract, context => context.MessageId = stored.Id, cancellationToken);
    }
}
