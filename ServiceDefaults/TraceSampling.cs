using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>
/// How much of the users' traces is exported: "Telemetry:TraceSampleRatio", 1 (all) unless set. A trace that is not
/// sampled is still recorded where it enters a service (a request, a message), so a span that fails is exported
/// anyway; its children are dropped. The AppHost sets it for every service (ADR 0025).
/// </summary>
public static class TraceSampling
{
    public const string RatioKey = "Telemetry:TraceSampleRatio";

    public static double Ratio(IConfiguration configuration) => configuration.GetValue(RatioKey, 1d);

    /// <summary>Children follow their parent; an entry span whose caller did not sample is recorded, so its failure is kept.</summary>
    public static Sampler For(IConfiguration configuration) =>
        new ParentBasedSampler(new PlatformSampler(Ratio(configuration)),
            remoteParentSampled: new AlwaysOnSampler(),
            remoteParentNotSampled: new RecordOnlySampler(),
            localParentSampled: new AlwaysOnSampler(),
            localParentNotSampled: new AlwaysOffSampler());

    private sealed class RecordOnlySampler : Sampler
    {
        private static readonly SamplingResult RecordedOnly = new(SamplingDecision.RecordOnly);

        public override SamplingResult ShouldSample(in SamplingParameters parameters) => RecordedOnly;
    }
}
