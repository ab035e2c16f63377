using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Analytics.Application.RecomputingBatch;
using Platform.Analytics.Domain;
using Platform.Analytics.Infrastructure.Log;

namespace Platform.Analytics.Infrastructure.History;

/// <summary>
/// The history of every event-sourced service, read page by page from its <c>/api/admin/event-store/history</c>
/// (EventStore/History), whose entries are shaped like the bus's envelopes. A source is read until its committed
/// history passes, in each of its databases, the sequence that was highest there when the read began: every event
/// committed before the batch run started is read, even one whose commit was still being settled.
/// </summary>
public sealed class ServicesEventHistory(HttpClient http, IOptions<EventHistoryOptions> options, TimeProvider clock) : IEventHistory
{
    private const string Route = "/api/admin/event-store/history";

    public async IAsyncEnumerable<IReadOnlyList<AnalyticsEvent>> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var source in options.Value.Sources)
            await foreach (var page in ReadAsync(source, ct))
                yield return page;
    }

    private async IAsyncEnumerable<IReadOnlyList<AnalyticsEvent>> ReadAsync(string source, [EnumeratorCancellation] CancellationToken ct)
    {
        var after = ""; // the history's cursor: a position in each of the source's databases (a sharded store's shards)
        var stalledSince = clock.GetUtcNow();
        while (true)
        {
            using var response = await http.GetAsync($"http://{source}{Route}?after={Uri.EscapeDataString(after)}&limit={options.Value.PageSize}", ct);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"{source} answered its history page after '{after}' with {(int)response.StatusCode}.");
            using var page = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var root = page.RootElement;
            var events = root.GetProperty("events").EnumerateArray().Select(IntegrationEvents.Read).OfType<AnalyticsEvent>().ToList();
            if (events.Count > 0)
                yield return events;

            // Caught up: every database was read up to its highest sequence when the first page was read.
            if (root.GetProperty("caughtUp").GetBoolean())
                yield break;
            var next = root.GetProperty("next").GetString()!;
            if (next != after)
            {
                (after, stalledSince) = (next, clock.GetUtcNow());
                continue;
            }
            if (clock.GetUtcNow() - stalledSince > options.Value.CatchUpTimeout)
                throw new TimeoutException($"{source}'s committed history stayed at '{next}', short of where it was when the read began, for {options.Value.CatchUpTimeout}.");
            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, ct); // the store's high-water mark has not reached the target yet
        }
    }
}
