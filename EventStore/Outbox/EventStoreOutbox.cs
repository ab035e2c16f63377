using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using MassTransit.Courier.Contracts;
using Platform.EventStore.Sharding;
using Platform.ServiceDefaults;

namespace Platform.EventStore.Outbox;

/// <summary>
/// The event store is the outbox: this Marten subscription reads committed events in order and sends what
/// <typeparamref name="TMessages"/> maps them to. Marten records how far it got only after a page is sent, so a
/// crash re-sends the page rather than losing it (at-least-once); the message id is the event id, and consumers
/// are idempotent. A command therefore writes its events and its outgoing messages in one transaction: they are
/// the same rows.
/// </summary>
public sealed class EventStoreOutbox<TMessages> : SubscriptionBase where TMessages : IOutboxMessages
{
    /// <summary>The daemon keeps its progress under this name; renaming it would re-send the whole history.</summary>
    public const string SubscriptionName = "integration-event-forwarder";

    /// <summary>
    /// How long one send may take. A publish whose broker confirm never comes waits for good (RabbitMQ.Client 7.2
    /// after a broker restart, rabbitmq-dotnet-client#1930): bounded, it fails its page, which the daemon retries
    /// and <see cref="ForwarderWatchdog"/> restarts (ADR 0062).
    /// </summary>
    public static readonly TimeSpan SendWithin = TimeSpan.FromSeconds(30);

    private readonly IBus bus;
    private readonly TMessages messages;
    private readonly OutboxSending<TMessages> sending;

    public EventStoreOutbox(IBus bus, TMessages messages, OutboxSending<TMessages> sending)
    {
        this.bus = bus;
        this.messages = messages;
        this.sending = sending;
        Name = SubscriptionName;
        foreach (var type in messages.EventTypes)
            IncludeType(type);
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var sends = page.Events
            .Where(stored => !CopiedEvent.IsCopy(stored)) // a bucket's move copied it: it was published where it was first appended
            .SelectMany(stored => messages.ToMessages(stored).Select((message, index) => (stored, message, index)));
        if (sending.InOrder)
            foreach (var (stored, message, index) in sends)
                await SendAsync(stored, message, index, cancellationToken);
        else
            await Task.WhenAll(sends.Select(send => SendAsync(send.stored, send.message, send.index, cancellationToken)));
        return NullChangeListener.Instance;
    }

    /// <summary>The first message of an event carries the event's id; a later one an id derived from it and the message's type.</summary>
    public static Guid MessageIdOf(IEvent stored, object message, int index)
    {
        if (index == 0)
            return stored.Id;
        var hash = System.Security.Cryptography.SHA256.HashData(
            [.. stored.Id.ToByteArray(), .. System.Text.Encoding.UTF8.GetBytes(message.GetType().FullName ?? message.GetType().Name)]);
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80); // version 8: a custom, name-based id
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // the RFC 9562 variant
        return new Guid(hash.AsSpan(0, 16));
    }

    private async Task SendAsync(IEvent stored, object message, int index, CancellationToken cancellationToken)
    {
        using var activity = PlatformActivity.Source.StartActivity(
            $"forward {stored.EventType.Name}", ActivityKind.Internal, stored.ReadTraceContext());
        activity?.SetTag("platform.event.sequence", stored.Sequence);
        activity?.SetTag("platform.stream.id", stored.StreamId);

        var sent = message is RoutingSlip slip
            ? bus.Execute(slip, cancellationToken)
            : bus.Publish(message, context => context.MessageId = MessageIdOf(stored, message, index), cancellationToken);
        await sent.WaitAsync(sending.Within ?? SendWithin, cancellationToken);
    }
}
