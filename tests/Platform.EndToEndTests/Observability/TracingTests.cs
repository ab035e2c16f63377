using System.Diagnostics;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Observability;

[Collection(PlatformCollection.Name)]
public sealed class TracingTests(PlatformFixture platform)
{
    private readonly UsersApi users = new(platform.Gateway);

    [Fact]
    public async Task One_trace_crosses_the_gateway_the_write_side_the_broker_and_the_read_side()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var id = await users.RegisterInTraceAsync("Trace Me", traceId);
        await users.WaitForProfileAsync(id, TimeSpan.FromSeconds(5));

        IReadOnlyList<SpanRow> spans = [];
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                spans = await platform.Telemetry.TraceAsync(traceId.ToString(), CancellationToken.None);
                return spans.Any(s => s.Service == "gateway") && SentToRabbitMq(spans, "user-command") && ReceivedFromRabbitMq(spans, ReadSide);
            }, TimeSpan.FromSeconds(20), $"trace {traceId} to hold spans of gateway, user-command and user-query linked by RabbitMQ");
        }
        catch (TimeoutException timeout)
        {
            Assert.Fail($"{timeout.Message}. Spans seen: {string.Join("; ", spans)}");
        }

        Assert.Contains(spans, s => s.Service == "user-command" && s.Name == "forward UserCreated");
        Assert.Contains(spans, s => ReadSide(s.Service) && s.Scope == "Npgsql");
    }

    /// <summary>Any instance of the read side ("user-query", "user-query-2"): whichever consumed the event.</summary>
    private static bool ReadSide(string service) => service.StartsWith("user-query", StringComparison.Ordinal);

    private static bool SentToRabbitMq(IEnumerable<SpanRow> trace, string service) =>
        trace.Any(s => s.Service == service && s.Attributes.GetValueOrDefault("messaging.system") == "rabbitmq");

    private static bool ReceivedFromRabbitMq(IEnumerable<SpanRow> trace, Func<string, bool> service) =>
        trace.Any(s => service(s.Service) && s.Scope == "MassTransit"
            && s.Attributes.GetValueOrDefault("messaging.operation") == "receive"
            && s.Attributes.GetValueOrDefault("messaging.masstransit.input_address", "").StartsWith("rabbitmq://", StringComparison.Ordinal));
}
