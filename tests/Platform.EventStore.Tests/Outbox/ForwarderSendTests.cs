using System.Diagnostics;
using System.Reflection;
using JasperFx.Events;
using JasperFx.Events.Projections;
using MassTransit;
using Platform.EventStore.Outbox;

namespace Platform.EventStore.Tests.Outbox;

/// <summary>
/// A send that never completes (a broker confirm that never comes, rabbitmq-dotnet-client#1930) fails the forwarder's
/// page within its bound, so that the daemon retries it and the watchdog restarts the forwarder (ADR 0062), instead of
/// leaving every later event of that store unsent.
/// </summary>
public sealed class ForwarderSendTests
{
    private sealed record Noted(int Number);

    private sealed class NotedMessages : IOutboxMessages
    {
        public IReadOnlyCollection<Type> EventTypes => [typeof(Noted)];

        public IEnumerable<object> ToMessages(IEvent stored) => [stored.Data];
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_send_that_never_completes_fails_its_page_within_the_bound(bool inOrder)
    {
        var within = TimeSpan.FromMilliseconds(300);
        var outbox = new EventStoreOutbox<NotedMessages>(HangingBus.Create(), new NotedMessages(), new OutboxSending<NotedMessages>(inOrder, within));
        var page = new EventRange(AgentNamed.Create(), 0, 1) { Events = [new JasperFx.Events.Event<Noted>(new Noted(1))] };

        var clock = Stopwatch.StartNew();
        var processing = outbox.ProcessEventsAsync(page, null!, null!, CancellationToken.None);
        var finished = await Task.WhenAny(processing, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(processing, finished); // without the bound it waits for good
        await Assert.ThrowsAsync<TimeoutException>(() => processing);
        Assert.InRange(clock.Elapsed, within, TimeSpan.FromSeconds(5));
    }

    /// <summary>The daemon's agent, as much of it as a page asks for: its name.</summary>
    public class AgentNamed : DispatchProxy
    {
        public static JasperFx.Events.Daemon.ISubscriptionAgent Create() => Create<JasperFx.Events.Daemon.ISubscriptionAgent, AgentNamed>();

        protected override object? Invoke(MethodInfo? method, object?[]? args) =>
            method?.Name == "get_Name" ? new ShardName(EventStoreOutbox<NotedMessages>.SubscriptionName) : throw new NotSupportedException(method?.Name);
    }

    /// <summary>A bus whose every send waits for good, as a publish whose confirm never comes.</summary>
    public class HangingBus : DispatchProxy
    {
        public static IBus Create() => Create<IBus, HangingBus>();

        protected override object? Invoke(MethodInfo? method, object?[]? args) =>
            method?.ReturnType == typeof(Task) ? new TaskCompletionSource().Task : throw new NotSupportedException(method?.Name);
    }
}
