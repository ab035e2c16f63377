using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>The dashboard's telemetry HTTP API (OTLP JSON): what a person would see in the traces and logs views.</summary>
public sealed class DashboardTelemetry : IDisposable
{
    private readonly HttpClient http;

    public DashboardTelemetry(Uri dashboard, string apiKey)
    {
        // Generous: late in the suite the dashboard holds tens of thousands of spans, and an answer of 10,000 of them
        // took over 10 s on two busy cores.
        http = new HttpClient { BaseAddress = dashboard, Timeout = TimeSpan.FromSeconds(45) };
        http.DefaultRequestHeaders.Add("x-api-key", apiKey);
    }

    /// <summary>All spans of one trace, as (service name, instrumentation scope, span name, attributes) rows.</summary>
    public async Task<IReadOnlyList<SpanRow>> TraceAsync(string traceId, CancellationToken ct)
    {
        using var response = await http.GetAsync($"/api/telemetry/traces/{traceId}", ct);
        if (!response.IsSuccessStatusCode)
            return [];
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return SpanRow.Read(json).ToList();
    }

    /// <summary>Every span the dashboard holds (up to its own limit), oldest first.</summary>
    public async Task<IReadOnlyList<SpanRow>> SpansAsync(CancellationToken ct) =>
        await ReadSpansAsync("/api/telemetry/spans?limit=10000", ct);

    /// <summary>The ids of the traces the dashboard lists first (as its Traces page does), in that order.</summary>
    public async Task<IReadOnlyList<string>> FirstTraceIdsAsync(int limit, CancellationToken ct) =>
        (await ReadSpansAsync($"/api/telemetry/traces?limit={limit}", ct)).Select(span => span.TraceId).Distinct().ToList();

    /// <summary>The raw answer to a telemetry query, for a failure message.</summary>
    public async Task<string> RawAsync(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 800)]}";
    }

    private async Task<IReadOnlyList<SpanRow>> ReadSpansAsync(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        response.EnsureSuccessStatusCode();
        return SpanRow.Read(await response.Content.ReadFromJsonAsync<JsonElement>(ct)).ToList();
    }

    /// <summary>The raw JSON of a resource's recent log records whose text contains <paramref name="search"/>.</summary>
    public async Task<string> LogsAsync(string resource, string search, CancellationToken ct)
    {
        using var response = await http.GetAsync(
            $"/api/telemetry/logs?resource={Uri.EscapeDataString(resource)}&search={Uri.EscapeDataString(search)}", ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct) : "";
    }

    public void Dispose() => http.Dispose();
}

/// <param name="Events">The names of the span's events, in order.</param>
public sealed record SpanRow(
    string Service, string Scope, string Name, IReadOnlyDictionary<string, string> Attributes, string TraceId, DateTimeOffset Start,
    IReadOnlyList<string> Events)
{
    public override string ToString() =>
        $"{Service}/{Scope}: {Name} [{string.Join(",", Attributes.Select(a => $"{a.Key}={a.Value}"))}]";

    public static IEnumerable<SpanRow> Read(JsonElement response)
    {
        var data = response.TryGetProperty("data", out var inner) ? inner : response;
        if (!data.TryGetProperty("resourceSpans", out var resourceSpans))
            yield break;
        foreach (var resourceSpan in resourceSpans.EnumerateArray())
        {
            var service = ReadAttributes(resourceSpan.GetProperty("resource")).GetValueOrDefault("service.name", "?");
            foreach (var scope in resourceSpan.GetProperty("scopeSpans").EnumerateArray())
            {
                var scopeName = scope.GetProperty("scope").GetProperty("name").GetString() ?? "";
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                    yield return new SpanRow(service, scopeName, span.GetProperty("name").GetString() ?? "", ReadAttributes(span),
                        span.GetProperty("traceId").GetString() ?? "", ReadStart(span),
                        span.TryGetProperty("events", out var events) ? [.. events.EnumerateArray().Select(e => e.GetProperty("name").GetString() ?? "")] : []);
            }
        }
    }

    private static DateTimeOffset ReadStart(JsonElement span)
    {
        var nanos = span.GetProperty("startTimeUnixNano");
        var value = nanos.ValueKind == JsonValueKind.String ? long.Parse(nanos.GetString()!) : nanos.GetInt64();
        return DateTimeOffset.UnixEpoch.AddTicks(value / 100);
    }

    private static Dictionary<string, string> ReadAttributes(JsonElement owner)
    {
        var attributes = new Dictionary<string, string>();
        if (!owner.TryGetProperty("attributes", out var list))
            return attributes;
        foreach (var attribute in list.EnumerateArray())
        {
            var value = attribute.GetProperty("value");
            attributes[attribute.GetProperty("key").GetString()!] =
                value.EnumerateObject().FirstOrDefault().Value.ToString();
        }
        return attributes;
    }
}
