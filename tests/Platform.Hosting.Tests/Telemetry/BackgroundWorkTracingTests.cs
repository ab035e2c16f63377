using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults;

namespace Platform.Hosting.Tests.Telemetry;

/// <summary>The sampler and processor as ServiceDefaults wires them, in front of a real (in-memory) exporter.</summary>
public sealed class BackgroundWorkTracingTests : IDisposable
{
    private readonly ActivitySource source = new($"test-{Guid.NewGuid():N}");
    private readonly List<Activity> exported = [];
    private readonly TracerProvider provider;

    public BackgroundWorkTracingTests() =>
        provider = Sdk.CreateTracerProviderBuilder()
            .SetSampler(new ParentBasedSampler(new BackgroundWorkSampler()))
            .AddProcessor(new FailedOrSlowBackgroundWorkProcessor())
            .AddSource(source.Name)
            .AddInMemoryExporter(exported)
            .Build()!;

    [Fact]
    public void A_healthy_high_water_mark_poll_and_its_queries_are_not_exported()
    {
        using (source.StartActivity("marten.daemon.highwatermark"))
        using (source.StartActivity("postgresql"))
        {
        }

        Assert.Empty(Exported());
    }

    [Fact]
    public void A_page_of_the_daemon_is_background_work_too()
    {
        using (source.StartActivity("marten.integration-event-forwarder.all.page.execution"))
        using (source.StartActivity("postgresql"))
        {
        }

        Assert.Empty(Exported());
    }

    [Fact]
    public void A_poll_that_failed_is_exported()
    {
        using (var poll = source.StartActivity("marten.daemon.highwatermark"))
            poll!.AddException(new InvalidOperationException("the database went away"));

        Assert.Equal(["marten.daemon.highwatermark"], Exported());
    }

    [Fact]
    public void A_slow_poll_is_exported()
    {
        using (var poll = source.StartActivity("marten.daemon.highwatermark"))
            poll!.SetEndTime(poll.StartTimeUtc + BackgroundWork.Slow + TimeSpan.FromMilliseconds(1));

        Assert.Equal(["marten.daemon.highwatermark"], Exported());
    }

    [Fact]
    public void Every_span_of_a_request_is_exported_even_when_it_runs_during_a_poll()
    {
        using (source.StartActivity("POST /api/users"))
        using (source.StartActivity("postgresql"))
        {
        }
        using (source.StartActivity("marten.daemon.highwatermark"))
        {
        }

        Assert.Equal(["postgresql", "POST /api/users"], Exported());
    }

    [Fact]
    public void The_outbox_forwarder_continues_the_users_trace_from_inside_a_daemon_page()
    {
        var request = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        using (source.StartActivity("marten.integration-event-forwarder.all.page.execution"))
        using (source.StartActivity("forward UserCreated", ActivityKind.Internal, request))
        using (source.StartActivity("user-command publish"))
        {
        }

        Assert.Equal(["user-command publish", "forward UserCreated"], Exported());
        Assert.All(exported, span => Assert.Equal(request.TraceId, span.TraceId));
    }

    private List<string> Exported()
    {
        provider.ForceFlush();
        return exported.Select(span => span.OperationName).ToList();
    }

    public void Dispose()
    {
        provider.Dispose();
        source.Dispose();
    }
}
