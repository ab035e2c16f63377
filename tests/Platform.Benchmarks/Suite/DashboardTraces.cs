using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Benchmarks.Suite;

/// <summary>One span as the dashboard keeps it: who made it, what it is, when it ran, and its parent.</summary>
public sealed record TraceSpan(string Service, string Scope, string Name, string SpanId, string? ParentId, long StartNs, long EndNs,
    IReadOnlyDictionary<string, string> Attributes)
{
    public double Ms => (EndNs - StartNs) / 1e6;
}

/// <summary>
/// The Aspire dashboard's telemetry API (OTLP JSON): the spans of a trace the benchmark started itself. The dashboard
/// listens where the AppHost's launch profile says; its API key is the one the AppHost keeps in its user secrets,
/// which ./bench.sh passes as DASHBOARD_API_KEY.
/// </summary>
public sealed class DashboardTraces : IDisposable
{
    private readonly HttpClient http;

    private DashboardTraces(HttpClient http) => this.http = http;

    /// <summary>The dashboard, or null (with the reason) when the benchmark cannot read it.</summary>
    public static DashboardTraces? Find(Uri dashboard, out string? why)
    {
        var key = Environment.GetEnvironmentVariable("DASHBOARD_API_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            why = "DASHBOARD_API_KEY is not set: ./bench.sh reads it from the AppHost's user secrets, which ./run.sh writes on its first run.";
            return null;
        }
        why = null;
        var http = new HttpClient { BaseAddress = dashboard, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("x-api-key", key);
        return new DashboardTraces(http);
    }

    /// <summary>A new W3C trace context, sampled, so the services export the trace whatever their sampling ratio.</summary>
    /// <returns>The trace's id, the client's own span id (the parent of the first server span), and the header.</returns>
    public static (string TraceId, string ParentId, string TraceParent) NewTrace()
    {
        var traceId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var spanId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        return (traceId, spanId, $"00-{traceId}-{spanId}-01");
    }

    /// <summary>Every span the dashboard holds of the trace (none if it does not know it yet).</summary>
    public async Task<IReadOnlyList<TraceSpan>> SpansAsync(string traceId, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"/api/telemetry/traces/{traceId}", ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return [];
        if (!response.IsSuccessStatusCode)
            throw new BenchmarkSetupException($"The dashboard answered {(int)response.StatusCode} to its telemetry API at {http.BaseAddress}: " +
                                              "is DASHBOARD_API_KEY this run's?");
        return Read(await response.Content.ReadFromJsonAsync<JsonElement>(ct)).ToList();
    }

    private static IEnumerable<TraceSpan> Read(JsonElement response)
    {
        var data = response.TryGetProperty("data", out var inner) ? inner : response;
        if (!data.TryGetProperty("resourceSpans", out var resourceSpans))
            yield break;
        foreach (var resourceSpan in resourceSpans.EnumerateArray())
        {
            var service = AttributesOf(resourceSpan.GetProperty("resource")).GetValueOrDefault("service.name", "?");
            foreach (var scope in resourceSpan.GetProperty("scopeSpans").EnumerateArray())
            {
                var scopeName = scope.GetProperty("scope").GetProperty("name").GetString() ?? "";
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                    yield return new TraceSpan(service, scopeName, span.GetProperty("name").GetString() ?? "",
                        span.GetProperty("spanId").GetString()!,
                        span.TryGetProperty("parentSpanId", out var parent) && parent.GetString() is { Length: > 0 } id ? id : null,
                        Nanoseconds(span.GetProperty("startTimeUnixNano")), Nanoseconds(span.GetProperty("endTimeUnixNano")),
                        AttributesOf(span));
            }
        }
    }

    /// <summary>OTLP JSON writes 64-bit integers as strings; a number is read too.</summary>
    private static long Nanoseconds(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetInt64() : long.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> AttributesOf(JsonElement element) =>
        !element.TryGetProperty("attributes", out var attributes) ? []
        : attributes.EnumerateArray().ToDictionary(
            attribute => attribute.GetProperty("key").GetString()!,
            attribute => attribute.GetProperty("value").EnumerateObject().FirstOrDefault().Value.ToString());

    public void Dispose() => http.Dispose();
}
