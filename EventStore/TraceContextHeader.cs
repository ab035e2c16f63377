using System.Diagnostics;
using Marten;

namespace Platform.EventStore;

/// <summary>
/// Stores the W3C trace context with each event, so that the span which forwards the event to the bus
/// (maybe much later, maybe after a restart) joins the trace of the request that caused it.
/// </summary>
public static class TraceContextHeader
{
    public const string Name = "traceparent";

    public static void RecordTraceContext(this IDocumentSession session)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
            session.SetHeader(Name, activity.Id!);
    }

    public static ActivityContext ReadTraceContext(this JasperFx.Events.IEvent @event) =>
        @event.Headers?.TryGetValue(Name, out var value) == true
        && ActivityContext.TryParse(value?.ToString(), null, out var context)
            ? context
            : default;
}
