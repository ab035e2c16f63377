using MassTransit;
using Platform.Analytics.Application.CountingEvents;
using Platform.Analytics.Application.WatchingMetrics;
using Platform.Analytics.Infrastructure.Log;
using Platform.Analytics.Infrastructure.Views;
using Platform.Contracts.Orders.V1;
using Platform.Contracts.Users.V1;

namespace Platform.Analytics.Infrastructure.InProcess;

/// <summary>
/// The speed layer where analytics shares a process with the modules whose events it counts (the monolith, ADR 0053):
/// it hears them on the process's bus rather than reading the RabbitMQ stream, which that shape has not. Counting stays
/// exactly once by the message id (the stored event's id, ADR 0002). There is no log, so no offset (the view records
/// none) and no replay: the Kappa replay and the batch layer are the distributed shape's.
/// </summary>
public sealed class BusSpeedCounter(ISpeedView view, CountingGate counting, MetricsFeed feed)
    : IConsumer<UserRegistered>, IConsumer<UserEmailChanged>, IConsumer<OrderPlaced>, IConsumer<OrderConfirmed>, IConsumer<OrderCancelled>
{
    public Task Consume(ConsumeContext<UserRegistered> context) => CountAsync(context);

    public Task Consume(ConsumeContext<UserEmailChanged> context) => CountAsync(context);

    public Task Consume(ConsumeContext<OrderPlaced> context) => CountAsync(context);

    public Task Consume(ConsumeContext<OrderConfirmed> context) => CountAsync(context);

    public Task Consume(ConsumeContext<OrderCancelled> context) => CountAsync(context);

    private async Task CountAsync<T>(ConsumeContext<T> context) where T : class
    {
        var id = context.MessageId ?? throw new InvalidOperationException($"A {typeof(T).Name} without a message id cannot be counted once.");
        var counted = IntegrationEvents.From(id, context.Message)!;
        using (await counting.EnterAsync(context.CancellationToken))
            await view.CountAsync([new LoggedEvent(PostgresSpeedView.NoOffset, counted)], PostgresSpeedView.NoOffset, context.CancellationToken);
        feed.Changed();
    }
}
