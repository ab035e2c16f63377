using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// Steady GET traffic through the gateway, as clients would send it while a test breaks something: a few readers in a
/// loop, about 150 requests a second in all, each answer recorded with its time, status, the instance that served it
/// and whether the open circuit answered: with a 503, or from the gateway's fallback cache. Requests carry an unsampled traceparent: thousands of reads
/// would crowd the other tests' traces out of the dashboard.
/// </summary>
public sealed class SteadyReads : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> readers;

    private SteadyReads(HttpClient gateway, string path, int readers) =>
        this.readers = [.. Enumerable.Range(0, readers).Select(_ => Task.Run(() => ReadAsync(gateway, path)))];

    public ConcurrentQueue<Answer> Answers { get; } = new();

    public static SteadyReads Start(HttpClient gateway, string path, int readers = 4) => new(gateway, path, readers);

    public IReadOnlyList<Answer> Since(DateTime time) => [.. Answers.Where(answer => answer.At > time)];

    /// <summary>Each instance (or "nobody") and status with its count, e.g. "user-query 200: 812, nobody 503: 40".</summary>
    public static string Summary(IEnumerable<Answer> answers) =>
        string.Join(", ", answers.GroupBy(answer => (answer.ServedBy, answer.Status))
            .Select(group => $"{group.Key.ServedBy ?? "nobody"} {(int)group.Key.Status}: {group.Count()}"));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        stop.Dispose();
    }

    private async Task ReadAsync(HttpClient gateway, string path)
    {
        while (!stop.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("traceparent", $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00");
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await gateway.SendAsync(request, CancellationToken.None);
                var unavailable = response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null
                    && response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                var openCircuit = unavailable && (await response.Content.ReadAsStringAsync()).Contains("\"circuit\":\"open\"");
                var fromCache = response.Headers.TryGetValues("X-Fallback", out var fallback) && fallback.Single() == "cache";
                Answers.Enqueue(new Answer(DateTime.UtcNow, response.StatusCode,
                    response.Headers.TryGetValues("X-Served-By", out var by) ? by.Single() : null, openCircuit, clock.Elapsed.TotalMilliseconds, fromCache)
                {
                    Unavailable = unavailable,
                });
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Answers.Enqueue(new Answer(DateTime.UtcNow, 0, null, false, clock.Elapsed.TotalMilliseconds, false)); // no answer at all
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <param name="FromCache">The gateway answered from its fallback cache (X-Fallback: cache) while the circuit was open.</param>
    public sealed record Answer(DateTime At, HttpStatusCode Status, string? ServedBy, bool OpenCircuit, double Milliseconds, bool FromCache)
    {
        /// <summary>The gateway's own 503 problem+json with Retry-After: its fallback for a service it cannot use, circuit open or not.</summary>
        public bool Unavailable { get; init; }

        /// <summary>The gateway answered for the service: from its cache, or with its 503.</summary>
        public bool IsFallback => FromCache || Unavailable;
    }
}
