using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Platform.Benchmarks.Suite;

/// <summary>
/// The results, on the terminal as tables and in a Markdown file to paste into the README: the rates with their
/// floors and ratios, then what each floor is and what each figure means, then the scenarios' own sections.
/// </summary>
public static class ResultsTable
{
    private static readonly string[] Headers = ["scenario", "load", "system", "raw floor", "ratio", "p50 ms", "p99 ms", "floor p50", "floor p99", "errors"];

    public static Table ForTerminal(IReadOnlyList<ScenarioResult> results)
    {
        var table = Table(Headers, index => index >= 1);
        foreach (var result in results)
            table.AddRow(Cells(result).Select(Escaped).ToArray());
        return table;
    }

    public static Table ForTerminal(Section section)
    {
        var table = Table(section.Headers, index => index >= 1).Title(Markup.Escape(section.Title)).Caption(Markup.Escape(section.Note));
        foreach (var row in section.Rows)
            table.AddRow(row.Select(Escaped).ToArray());
        return table;
    }

    public static Rows Legend(IReadOnlyList<ScenarioResult> results) =>
        new(LegendLines(results).Select(line => new Markup(Markup.Escape(line))));

    public static string AsMarkdown(IReadOnlyList<ScenarioResult> results, IReadOnlyList<Section> sections, string machine, DateTimeOffset started, TimeSpan elapsed, string command)
    {
        var markdown = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Benchmark run {started:yyyy-MM-dd HH:mm} UTC")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- Machine: {machine}")
            .AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}`, {elapsed.TotalMinutes:0.0} min")
            .AppendLine("- Every floor ran in the same run, at the same load, on the same servers; the ratio is system ÷ floor.")
            .AppendLine();
        MarkdownTable(markdown, Headers, results.Select(Cells), index => index >= 1);
        markdown.AppendLine();
        foreach (var line in LegendLines(results))
            markdown.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        foreach (var section in sections)
        {
            markdown.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {section.Title}").AppendLine();
            MarkdownTable(markdown, section.Headers, section.Rows, index => index >= 1);
            markdown.AppendLine().AppendLine(section.Note);
        }
        return markdown.ToString();
    }

    private static IEnumerable<string> LegendLines(IReadOnlyList<ScenarioResult> results) =>
        results.GroupBy(result => result.Scenario).Select(scenario =>
        {
            var first = scenario.First();
            return $"{scenario.Key}: {first.Note}{(first.Note.Length > 0 ? ". " : "")}Floor: {first.FloorName}.";
        });

    private static Table Table(IReadOnlyList<string> headers, Func<int, bool> rightAligned)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (var index = 0; index < headers.Count; index++)
            table.AddColumn(new TableColumn(Markup.Escape(headers[index])) { Alignment = rightAligned(index) ? Justify.Right : Justify.Left });
        return table;
    }

    private static void MarkdownTable(StringBuilder markdown, IReadOnlyList<string> headers, IEnumerable<string[]> rows, Func<int, bool> rightAligned)
    {
        markdown.AppendLine($"| {string.Join(" | ", headers)} |")
            .AppendLine($"|{string.Join("|", headers.Select((_, index) => rightAligned(index) ? "---:" : "---"))}|");
        foreach (var row in rows)
            markdown.AppendLine($"| {string.Join(" | ", row.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal)))} |");
    }

    private static Markup Escaped(string cell) => new(Markup.Escape(cell));

    private static string[] Cells(ScenarioResult result) =>
    [
        result.Scenario, result.Load, result.System.ToString(), result.Floor.ToString(), $"{result.Ratio:0.00}x",
        Milliseconds(result.P50Ms), Milliseconds(result.P99Ms), Milliseconds(result.FloorP50Ms), Milliseconds(result.FloorP99Ms),
        result.Errors.ToString(CultureInfo.InvariantCulture),
    ];

    private static string Milliseconds(double? value) => value is { } ms && !double.IsNaN(ms) ? ms.ToString("0.0", CultureInfo.InvariantCulture) : "";
}
