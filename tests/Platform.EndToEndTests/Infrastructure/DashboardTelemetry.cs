using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>The dashboard's telemetry HTTP API (OTLP JSON): what a person would see in the traces and logs views.</summary>
public sealed class DashboardTelemetry : IDisposable
{
    private readonly HttpClient http;

    public DashboardTelemetry(Uri dashboard, string apiKey)
    {
        http = new HttpClient { BaseAddress = dashboard, Timeout = TimeSpan.FromSeconds(10) };
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

    /// <summary>The raw JSON of a resource's recent log records whose text contains <paramref name="search"/>.</summary>
    public async Task<string> LogsAsync(string resource, string search, CancellationToken ct)
    {
        using var response = await http.GetAsync(
            $"/api/telemetry/logs?resource={Uri.EscapeDataString(resource)}&search={Uri.EscapeDataString(search)}", ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct) : "";
    }

    public void Dispose() => http.Dispose();
}

public sealed record SpanRow(string Service, string Scope, string Name, IReadOnlyDictionary<string, string> Attributes)
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
                    yield return new SpanRow(service, scopeName, span.GetProperty("name").GetString() ?? "", ReadAttributes(span));
            }
        }
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
