using System.Diagnostics.Metrics;

namespace Platform.Gateway.Resilience;

/// <summary>
/// The gateway's own meter. YARP 2.3 defines no metrics of its own; request counts and latencies come from
/// ASP.NET Core's meters, and what the gateway decides (retries, an exhausted budget, circuits opening and closing) is counted here.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Platform.Gateway";

    private readonly Counter<long> retries;
    private readonly Counter<long> budgetExhausted;
    private readonly Counter<long> circuitChanges;
    private readonly Counter<long> fallbacks;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        retries = meter.CreateCounter<long>("platform.gateway.retries", description: "Requests sent again after a destination could not be reached");
        budgetExhausted = meter.CreateCounter<long>("platform.gateway.retry_budget_exhausted", description: "Retries refused because the retry budget was spent");
        circuitChanges = meter.CreateCounter<long>("platform.gateway.circuit_changes", description: "A service's circuit opened, half-opened or closed");
        fallbacks = meter.CreateCounter<long>("platform.gateway.fallbacks",
            description: "Requests the gateway answered itself, from its cache or with 503, because the service's circuit was open or no instance answered");
    }

    public void Retried(string route, string? failedDestination) =>
        retries.Add(1, new("route", route), new("destination", failedDestination));

    public void CircuitChanged(string cluster, string state) =>
        circuitChanges.Add(1, new("cluster", cluster), new("state", state));

    /// <param name="reason">"circuit-open" or "unreachable".</param>
    /// <param name="answer">"cache" or "unavailable" (the 503).</param>
    public void FellBack(string route, string cluster, string reason, string answer) =>
        fallbacks.Add(1, new("route", route), new("cluster", cluster), new("reason", reason), new("answer", answer));

    public void BudgetExhausted(string route) => budgetExhausted.Add(1, new KeyValuePair<string, object?>("route", route));
}
