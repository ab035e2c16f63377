using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpenTelemetry;

namespace Platform.Functions.Activator.Scaling;

/// <summary>
/// Whether a queue has delivered messages since the last look, from the counters of RabbitMQ's management API
/// (<c>Activator:RabbitMqManagement</c>, http://user:password@host:port). A consumer that keeps up with a steady trickle
/// leaves no message ready for the passive declare to see, so without this the queue would look idle and its function be
/// stopped after the grace, to start again on the next message. The counters lag by the broker's statistics interval
/// (5 s by default), well inside the grace. Without the setting, or when the API does not answer, nothing is known
/// (false), and the queue's depth alone decides, as KEDA's scaler does over AMQP.
/// </summary>
public sealed class QueueDeliveries(IConfiguration configuration, ILogger<QueueDeliveries> logger)
{
    private static readonly HttpClient Api = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Uri? management = configuration["Activator:RabbitMqManagement"] is { Length: > 0 } uri ? new Uri(uri) : null;
    private readonly ConcurrentDictionary<string, long> lastSeen = new();

    public async Task<bool> SinceLastLookAsync(string queue, CancellationToken ct)
    {
        if (management is null)
            return false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get,
                new Uri(new Uri(management.GetLeftPart(UriPartial.Authority)), $"/api/queues/%2F/{Uri.EscapeDataString(queue)}?columns=message_stats.deliver_get"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
            using var response = await SendUntracedAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                return false; // 404: not declared yet, which the passive declare reports
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var delivered = DeliveredCount(json.RootElement);
            var before = lastSeen.GetValueOrDefault(queue, delivered);
            lastSeen[queue] = delivered;
            return delivered > before;
        }
        catch (Exception failure) when (!ct.IsCancellationRequested) // never in the way of the depth, which decides alone then
        {
            logger.LogDebug("The deliveries of {Queue} are unknown: {Error}", queue, failure.Message);
            return false;
        }
    }

    /// <summary>
    /// The machinery's own polling, once a second: not a span on the dashboard's Traces page (IdleTelemetryTests).
    /// </summary>
    private static async Task<HttpResponseMessage> SendUntracedAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (SuppressInstrumentationScope.Begin())
            return await Api.SendAsync(request, ct);
    }

    /// <summary>
    /// The messages the queue has delivered since it was declared, from the API's answer for it: its
    /// <c>message_stats.deliver_get</c>, or 0 before the first, when the API answers <c>"message_stats": []</c>.
    /// </summary>
    public static long DeliveredCount(JsonElement queue) =>
        queue.TryGetProperty("message_stats", out var stats) && stats.ValueKind == JsonValueKind.Object
        && stats.TryGetProperty("deliver_get", out var count) && count.ValueKind == JsonValueKind.Number
            ? count.GetInt64()
            : 0;
}
