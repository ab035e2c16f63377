using System.Diagnostics;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Observability;

/// <summary>What a person sees on the dashboard's Traces page: their own requests, not the machinery's polling.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IdleTelemetryTests(PlatformFixture platform)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ExportDelay = TimeSpan.FromSeconds(2); // the services export every second in Development
    private const int NextToNone = 2;

    private readonly UsersApi users = new(platform.Gateway);

    [Fact]
    public async Task An_idle_system_exports_next_to_no_spans_and_a_registration_is_among_the_first_traces_listed()
    {
        var idleSpans = await SpansOfAnIdleWindowAsync();
        Assert.True(idleSpans.Count <= NextToNone,
            $"{idleSpans.Count} spans exported in {Window.TotalSeconds:0} s of idleness: {string.Join("; ", idleSpans.Take(20))}");

        // Nothing else is requested afterwards: polling the read model for the new profile would start traces of its
        // own, newer than the registration's, and push it out of the first five (the cause of this test's old flakiness).
        var traceId = ActivityTraceId.CreateRandom();
        await users.RegisterInTraceAsync("Seen First", traceId);

        IReadOnlyList<string> listed = [];
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                listed = await platform.Telemetry.FirstTraceIdsAsync(5, CancellationToken.None);
                return listed.Contains(traceId.ToString());
            }, TimeSpan.FromSeconds(30), $"the registration's trace {traceId} among the first five listed");
        }
        catch (TimeoutException timeout)
        {
            Assert.Fail($"{timeout.Message}; listed: {string.Join(", ", listed)}; the dashboard answered " +
                await platform.Telemetry.RawAsync("/api/telemetry/traces?limit=5", CancellationToken.None));
        }
    }

    /// <summary>Waits until earlier tests' work has drained (two quiet seconds), then counts the spans of a full window.</summary>
    private async Task<IReadOnlyList<SpanRow>> SpansOfAnIdleWindowAsync()
    {
        await Eventually.HoldsAsync(async () =>
        {
            var before = (await platform.Telemetry.SpansAsync(CancellationToken.None)).Count;
            await Task.Delay(TimeSpan.FromSeconds(2));
            return (await platform.Telemetry.SpansAsync(CancellationToken.None)).Count == before;
        }, TimeSpan.FromSeconds(45), "two seconds in which no span is exported");

        var start = DateTimeOffset.UtcNow;
        await Task.Delay(Window + ExportDelay);
        var spans = await platform.Telemetry.SpansAsync(CancellationToken.None);
        return spans.Where(span => span.Start >= start && span.Start < start + Window).ToList();
    }
}
