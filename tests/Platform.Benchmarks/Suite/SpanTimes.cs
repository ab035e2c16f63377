using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Benchmarks.Suite;

/// <summary>One traced operation: the spans of its trace, and how long its client waited for the answer.</summary>
public sealed record TracedOperation(IReadOnlyList<TraceSpan> Spans, double ClientMs);

/// <summary>
/// Where an operation's time goes, span by span: each span's own time (its duration less the time its children
/// cover), summed per kind of span and operation, so the rows add up to the request's first span; and the client's
/// wait outside it (its connection, the network, the server's work before and after the span). Only what happens
/// before the answer counts: work the request set going for later (the outbox forwarder's, the consumers') is not.
/// </summary>
public static partial class SpanTimes
{
    public static Section Of(string title, IReadOnlyList<TracedOperation> operations, string note)
    {
        var perOperation = operations.Select(OwnTimes).ToList();
        var labels = perOperation.SelectMany(times => times.Keys).Distinct().ToList();
        var rows = labels
            .Select(label => (Label: label, Times: perOperation.Select(times => times.GetValueOrDefault(label)).ToList()))
            .Select(row => (row.Label, Mean: row.Times.Average(time => time.Ms), Median: Median(row.Times.Select(time => time.Ms)),
                Count: row.Times.Average(time => time.Spans)))
            .OrderByDescending(row => row.Mean)
            .Select(row => new[] { row.Label, Number(row.Count, "0.#"), Number(row.Median, "0.00"), Number(row.Mean, "0.00") })
            .Append(["the client's wait (the whole)", "", Number(Median(operations.Select(operation => operation.ClientMs)), "0.00"),
                Number(operations.Average(operation => operation.ClientMs), "0.00")])
            .ToList();
        return new Section(title, ["where", "spans per operation", "p50 ms", "mean ms"], rows, note);
    }

    /// <summary>Per kind of span in one operation: its spans' own time, and how many there were.</summary>
    private static Dictionary<string, (double Ms, int Spans)> OwnTimes(TracedOperation operation)
    {
        var times = new Dictionary<string, (double Ms, int Spans)>();
        var ids = operation.Spans.Select(span => span.SpanId).ToHashSet();
        var root = operation.Spans.Where(span => span.ParentId is null || !ids.Contains(span.ParentId)).MinBy(span => span.StartNs);
        if (root is null)
            return times;
        var children = operation.Spans.Where(span => span.ParentId is not null && span.StartNs < root.EndNs && OnThePath(span))
            .ToLookup(span => span.ParentId!);

        void Visit(TraceSpan span)
        {
            var end = Math.Min(span.EndNs, root.EndNs);
            var covered = Covered(children[span.SpanId].Select(child => (child.StartNs, Math.Min(child.EndNs, end))));
            var label = Label(span);
            var (ms, spans) = times.GetValueOrDefault(label);
            times[label] = (ms + Math.Max(0, end - span.StartNs - covered) / 1e6, spans + 1);
            foreach (var child in children[span.SpanId])
                Visit(child);
        }

        Visit(root);
        times["outside the first span: client, network, server before and after it"] = (Math.Max(0, operation.ClientMs - root.Ms), 0);
        return times;
    }

    /// <summary>
    /// The outbox forwarder's and the bus's spans belong to the request's trace but not to its answer: the forwarder may
    /// start before the answer is written, and the answer never waits for it (ADR 0003).
    /// </summary>
    private static bool OnThePath(TraceSpan span) =>
        span.Scope != "MassTransit" && !span.Name.StartsWith("forward ", StringComparison.Ordinal);

    /// <summary>How long the intervals cover together, overlaps counted once.</summary>
    private static long Covered(IEnumerable<(long Start, long End)> intervals)
    {
        long covered = 0, reach = long.MinValue;
        foreach (var (start, end) in intervals.Where(interval => interval.End > interval.Start).OrderBy(interval => interval.Start))
        {
            if (end <= reach)
                continue;
            covered += end - Math.Max(start, reach);
            reach = end;
        }
        return covered;
    }

    /// <summary>A span's kind: its service and name; a database call by its statement's verb and table.</summary>
    public static string Label(TraceSpan span)
    {
        if (!span.Attributes.TryGetValue("db.query.text", out var sql) && !span.Attributes.TryGetValue("db.statement", out sql))
            return $"{span.Service}: {span.Name}";
        var statements = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = statements.FirstOrDefault() ?? sql;
        var verb = first.Split(' ', 2)[0].ToLowerInvariant();
        var target = Function().Match(first) is { Success: true } call ? call.Groups[1].Value
            : Table().Match(first) is { Success: true } table ? table.Groups[1].Value : "";
        var more = statements.Length > 1 ? $" + {statements.Length - 1} more" : "";
        return $"{span.Service}: SQL {verb} {target.Split('.')[^1]}{more}".TrimEnd();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : Percentile.Of(sorted, 50);
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^select\s+([\w.]+)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex Function();

    [GeneratedRegex(@"\b(?:from|into|update)\s+([\w.""]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Table();
}
