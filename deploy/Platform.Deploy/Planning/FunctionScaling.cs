using System.Globalization;

namespace Platform.Deploy.Planning;

/// <summary>
/// How a function workload scales on a cluster, from the <c>Function__*</c> variables the AppHost gives it in a
/// deployment: an HTTP function as a Knative Service (by requests in flight per instance, with Knative's defaults), a
/// queue-triggered one by KEDA's RabbitMQ scaler (by messages in its queue). The defaults are those the local
/// activator uses too (ADR 0047).
/// </summary>
public sealed record FunctionScaling(
    string Trigger,
    string? Queue = null,
    int TargetConcurrency = 100,
    int StableWindowSeconds = 60,
    int ScaleToZeroGraceSeconds = 30,
    int MaxInstances = 4,
    int QueueLength = 20)
{
    public const string Prefix = "Function__";
    public const string Http = "http";
    public const string QueueTrigger = "queue";

    /// <summary>The function's scaling, if the variables name a trigger, and the variables left for the function itself.</summary>
    public static (FunctionScaling? Scaling, List<EnvironmentValue> Others) Read(IReadOnlyList<EnvironmentValue> environment)
    {
        var settings = environment.Where(variable => variable.Name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(variable => variable.Name[Prefix.Length..], variable => variable.Value, StringComparer.OrdinalIgnoreCase);
        var rest = environment.Where(variable => !variable.Name.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        if (!settings.TryGetValue("Trigger", out var trigger))
            return (null, rest);
        if (trigger is not (Http or QueueTrigger))
            throw new FormatException($"{Prefix}Trigger is '{trigger}': say {Http} or {QueueTrigger}");
        var defaults = new FunctionScaling(trigger);
        var scaling = defaults with
        {
            Queue = settings.GetValueOrDefault("Queue"),
            TargetConcurrency = Number(settings, "TargetConcurrency", defaults.TargetConcurrency),
            StableWindowSeconds = Seconds(settings, "StableWindow", defaults.StableWindowSeconds),
            ScaleToZeroGraceSeconds = Seconds(settings, "ScaleToZeroGrace", defaults.ScaleToZeroGraceSeconds),
            MaxInstances = Number(settings, "MaxInstances", defaults.MaxInstances),
            QueueLength = Number(settings, "QueueLength", defaults.QueueLength),
        };
        if (trigger == QueueTrigger && scaling.Queue is not { Length: > 0 })
            throw new FormatException($"a queue-triggered function needs {Prefix}Queue");
        return (scaling, rest);
    }

    private static int Number(Dictionary<string, string> settings, string name, int fallback) =>
        settings.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A TimeSpan as configuration writes it ("00:00:30"), in whole seconds.</summary>
    private static int Seconds(Dictionary<string, string> settings, string name, int fallback) =>
        settings.TryGetValue(name, out var value) ? (int)TimeSpan.Parse(value, CultureInfo.InvariantCulture).TotalSeconds : fallback;
}
