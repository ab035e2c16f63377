using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults;

namespace Platform.Hosting.Tests.Telemetry;

/// <summary>The sampler and processor as ServiceDefaults wires them, in front of a real (in-memory) exporter.</summary>
public sealed class TraceSamplingTests : IDisposable
{
    private readonly ActivitySource source = new($"test-{Guid.NewGuid():N}");
    private readonly List<Activity> exported = [];
    private TracerProvider provider;

    public TraceSamplingTests() => provider = Provider(ratio: null);

    /// <summary>As a service builds it from its configuration; null leaves the ratio unset (the default: every trace).</summary>
    private TracerProvider Provider(double? ratio)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ratio is { } value
            ? [new(TraceSampling.RatioKey, value.ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : []).Build();
        return Sdk.CreateTracerProviderBuilder()
            .SetSampler(TraceSampling.For(configuration))
            .AddProcessor(new KeepFailedSpansProcessor())
            .AddSource(source.Name)
            .AddInMemoryExporter(exported)
            .Build()!;
    }

    private void SampleAt(double ratio)
    {
        provider.Dispose();
        provider = Provider(ratio);
    }

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
    public void The_platforms_own_periodic_work_and_what_it_sends_are_background_too()
    {
        using (source.StartActivity(BackgroundWork.Prefix + "presence heartbeat"))
        using (source.StartActivity("Platform.Chat.Infrastructure.Live:PresenceBeat send"))
        {
        }

        Assert.Empty(Exported());
    }

    [Fact]
    public void A_query_under_no_span_is_machinery_and_a_query_under_a_request_is_the_users()
    {
        using (source.StartActivity("postgresql", ActivityKind.Client))
        {
        }
        using (source.StartActivity("GET /api/users/{id}", ActivityKind.Server))
        using (source.StartActivity("postgresql", ActivityKind.Client))
        {
        }

        Assert.Equal(["postgresql", "GET /api/users/{id}"], Exported());
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

    [Fact]
    public void At_a_ratio_of_zero_a_healthy_request_is_not_exported()
    {
        SampleAt(0);
        using (source.StartActivity("POST /api/users"))
        using (source.StartActivity("postgresql"))
        {
        }

        Assert.Empty(Exported());
    }

    [Fact]
    public void At_a_ratio_of_zero_a_failed_request_is_still_exported()
    {
        SampleAt(0);
        using (var request = source.StartActivity("POST /api/users"))
        {
            using (source.StartActivity("postgresql"))
            {
            }
            request!.SetStatus(ActivityStatusCode.Error);
        }

        Assert.Equal(["POST /api/users"], Exported());
    }

    [Fact]
    public void A_failure_in_the_next_service_of_an_unsampled_trace_is_exported_there()
    {
        SampleAt(0);
        var caller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);
        using (var consume = source.StartActivity("user-registered consume", ActivityKind.Consumer, caller))
            consume!.AddException(new InvalidOperationException("the read model refused it"));

        Assert.Equal(["user-registered consume"], Exported());
        Assert.Equal(caller.TraceId, exported.Single().TraceId);
    }

    [Fact]
    public void A_ratio_keeps_about_that_share_of_traces_and_the_whole_of_each()
    {
        SampleAt(0.25);
        for (var i = 0; i < 2_000; i++)
        {
            using (source.StartActivity("GET /api/users/{id}"))
            using (source.StartActivity("postgresql"))
            {
            }
        }

        var spans = Exported();
        Assert.InRange(spans.Count(name => name == "GET /api/users/{id}"), 400, 600);
        Assert.Equal(spans.Count(name => name == "postgresql"), spans.Count(name => name == "GET /api/users/{id}"));
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
