using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>
/// Records a root span of <see cref="BackgroundWork"/> without sampling it: the span exists, so
/// <see cref="FailedOrSlowBackgroundWorkProcessor"/> can still export it, but its children are dropped and nothing
/// is exported unless that processor decides so. Every other root span is sampled, so every span of a user's
/// request is kept. Use as the root of a <see cref="ParentBasedSampler"/>, which makes children follow their parent.
/// </summary>
public sealed class BackgroundWorkSampler : Sampler
{
    private static readonly SamplingResult Sampled = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult RecordedOnly = new(SamplingDecision.RecordOnly);

    public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
        BackgroundWork.IsBackground(parameters.Name) ? RecordedOnly : Sampled;
}
