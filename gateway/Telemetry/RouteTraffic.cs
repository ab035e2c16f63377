using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Platform.Gateway.Telemetry;

/// <summary>
/// Requests per second and error rates per route over the last <see cref="Window"/>, for the live topology. It
/// listens to the same measurements the OpenTelemetry exporter sends (ASP.NET Core's <c>http.server.request.duration</c>,
/// tagged by <see cref="RouteMetricsTag"/>), so the page and the dashboard never disagree on what was counted.
/// </summary>
public sealed class RouteTraffic : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, SecondBuckets> routes = new();
    private readonly MeterListener listener = new();
    private readonly TimeProvider clock;

    public RouteTraffic(TimeProvider clock)
    {
        this.clock = clock;
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument is { Meter.Name: "Microsoft.AspNetCore.Hosting", Name: "http.server.request.duration" })
                meters.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>(OnRequest);
        listener.Start();
    }

    /// <summary>Each route that had traffic in the window, with its rate and its share of 5xx and of 429.</summary>
    public IReadOnlyList<RouteRate> Rates()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return [.. routes.Select(route => route.Value.Rate(route.Key, now)).Where(rate => rate.Requests > 0).OrderBy(rate => rate.Route)];
    }

    private void OnRequest(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? route = null;
        var status = 0;
        foreach (var (key, value) in tags)
        {
            if (key == RouteMetricsTag.Name)
                route = value as string;
            else if (key == "http.response.status_code" && value is int code)
                status = code;
        }
        if (route is not null)
            routes.GetOrAdd(route, _ => new SecondBuckets()).Add(clock.GetUtcNow().ToUnixTimeSeconds(), status);
    }

    public void Dispose() => listener.Dispose();

    /// <param name="ErrorRate">The share of answers that were 5xx (the gateway's or the service's).</param>
    /// <param name="LimitedRate">The share refused by the rate limiter (429).</param>
    public sealed record RouteRate(string Route, long Requests, double RequestsPerSecond, double ErrorRate, double LimitedRate);

    /// <summary>One bucket per second of the window, reused as the seconds go round.</summary>
    private sealed class SecondBuckets
    {
        private static readonly int Seconds = (int)Window.TotalSeconds;
        private readonly long[] second = new long[Seconds];
        private readonly long[] requests = new long[Seconds];
        private readonly long[] errors = new long[Seconds];
        private readonly long[] limited = new long[Seconds];

        public void Add(long now, int status)
        {
            lock (this)
            {
                var slot = (int)(now % second.Length);
                if (second[slot] != now)
                    (second[slot], requests[slot], errors[slot], limited[slot]) = (now, 0, 0, 0);
                requests[slot]++;
                if (status >= 500)
                    errors[slot]++;
                else if (status == StatusCodes.Status429TooManyRequests)
                    limited[slot]++;
            }
        }

        public RouteRate Rate(string route, long now)
        {
            lock (this)
            {
                long total = 0, failed = 0, refused = 0;
                for (var slot = 0; slot < second.Length; slot++)
                {
                    if (now - second[slot] >= second.Length)
                        continue;
                    (total, failed, refused) = (total + requests[slot], failed + errors[slot], refused + limited[slot]);
                }
                return total == 0
                    ? new RouteRate(route, 0, 0, 0, 0)
                    : new RouteRate(route, total, total / Window.TotalSeconds, (double)failed / total, (double)refused / total);
            }
        }
    }
}
