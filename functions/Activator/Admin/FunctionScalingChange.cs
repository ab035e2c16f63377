namespace Platform.Functions.Activator.Admin;

/// <summary>
/// A change to a function's scaling at run time (<c>PATCH /api/admin/functions/{name}</c>), as an operator edits a
/// Knative revision's annotations or a KEDA ScaledObject: only the settings given change. The benchmark shortens the
/// window and the grace this way, so that each of its cold starts is real, and puts them back after.
/// </summary>
public sealed record FunctionScalingChange(
    int? TargetConcurrency = null, double? StableWindowSeconds = null, double? ScaleToZeroGraceSeconds = null, int? MaxInstances = null, int? QueueLength = null)
{
    /// <summary>What is wrong with the change, by setting; empty when it may be applied.</summary>
    public Dictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        void AtLeast(string name, double? value, double least)
        {
            if (value < least)
                problems[name] = [$"{name} must be at least {least}."];
        }
        AtLeast("targetConcurrency", TargetConcurrency, 1);
        AtLeast("stableWindowSeconds", StableWindowSeconds, 1);
        AtLeast("scaleToZeroGraceSeconds", ScaleToZeroGraceSeconds, 0);
        AtLeast("maxInstances", MaxInstances, 1);
        AtLeast("queueLength", QueueLength, 1);
        return problems;
    }

    public void ApplyTo(FunctionOptions options)
    {
        options.TargetConcurrency = TargetConcurrency ?? options.TargetConcurrency;
        options.StableWindow = StableWindowSeconds is { } window ? TimeSpan.FromSeconds(window) : options.StableWindow;
        options.ScaleToZeroGrace = ScaleToZeroGraceSeconds is { } grace ? TimeSpan.FromSeconds(grace) : options.ScaleToZeroGrace;
        options.MaxInstances = MaxInstances ?? options.MaxInstances;
        options.QueueLength = QueueLength ?? options.QueueLength;
    }
}
