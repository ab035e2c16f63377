using System.Diagnostics.Metrics;

namespace Platform.Chat.Api.Live;

/// <summary>
/// The chat's meter, <c>Platform.Chat</c>: connections open on this instance, updates pushed, and how long after its
/// commit's timestamp an update reached this instance's clients (the delivery latency across the backplane).
/// </summary>
public sealed class ChatMetrics
{
    public const string MeterName = "Platform.Chat";

    private readonly UpDownCounter<long> connections;
    private readonly Counter<long> pushed;
    private readonly Histogram<double> delivery;

    public ChatMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        connections = meter.CreateUpDownCounter<long>("platform.chat.connections", "{connection}", "Hub connections open on this instance");
        pushed = meter.CreateCounter<long>("platform.chat.updates.pushed", "{update}", "Room updates pushed to this instance's clients, by type");
        delivery = meter.CreateHistogram<double>("platform.chat.delivery.duration", "s", "From an update's event to its push on this instance",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
    }

    public void Connected() => connections.Add(1);

    public void Disconnected() => connections.Add(-1);

    public void Pushed(string type, TimeSpan sinceEvent)
    {
        pushed.Add(1, new KeyValuePair<string, object?>("platform.chat.update.type", type));
        delivery.Record(Math.Max(0, sinceEvent.TotalSeconds));
    }
}
