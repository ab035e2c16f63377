using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>
/// The root decision for a new trace. <see cref="BackgroundWork"/> is recorded without being sampled; a user's trace is
/// sampled at <see cref="TraceSampling.Ratio"/> (by trace id, so every service that sees the trace decides alike), and
/// recorded without being sampled otherwise. A recorded span can still be exported when it ends:
/// <see cref="KeepFailedSpansProcessor"/> samples the ones that failed, so errors are always kept. Use as the root of a
/// <see cref="ParentBasedSampler"/>, which makes the rest of a trace follow its root.
/// </summary>
public sealed class PlatformSampler(double ratio) : Sampler
{
    private static readonly SamplingResult Sampled = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult RecordedOnly = new(SamplingDecision.RecordOnly);
    private readonly TraceIdRatioBasedSampler users = new(Math.Clamp(ratio, 0, 1));

    public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
        BackgroundWork.IsBackground(parameters.Name) || BackgroundWork.IsBareQuery(parameters) ? RecordedOnly
        : users.ShouldSample(parameters).Decision == SamplingDecision.RecordAndSample ? Sampled
        : RecordedOnly;
}
