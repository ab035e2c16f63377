using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Platform.Decisions.Reports;

namespace Platform.Decisions.Tests;

/// <summary>
/// The reports: the Markdown matrix, the JSON, and the SVG chart, whose bars are the weighted scores and the rank
/// shares; and ./decide.sh's program on the example file, as a person runs it.
/// </summary>
public sealed class ReportTests
{
    private static readonly DecisionReport Example = DecisionReport.Of(Decisions.Given(Decisions.Weights, Decisions.Example));

    [Fact]
    public void The_markdown_has_the_matrix_in_rank_order_the_weights_and_the_sensitivity()
    {
        var markdown = MarkdownReport.Render(Example, "example.chart.svg");
        var rows = markdown.Split('\n').Where(line => line.StartsWith("| 1 |") || line.StartsWith("| 2 |") || line.StartsWith("| 3 |")).ToList();
        Assert.Equal(["| 1 | serverless | 10.00 | 6.00 | 8.00 | 8.00 | 8.00 | 6.00 | **7.80** |",
                      "| 2 | monolith | 6.00 | 8.00 | 7.00 | 5.00 | 9.00 | 9.00 | **7.20** |",
                      "| 3 | microservices | 9.00 | 7.00 | 8.00 | 7.00 | 6.00 | 4.00 | **7.15** |"], rows);
        Assert.Contains("| serverless | monolith | scalability | 0.200 | -0.141 | 0.059 | -71% |", markdown);
        Assert.Contains("concentration 100 (seed 25)", markdown);
        Assert.Contains("![weighted scores and rank acceptability](example.chart.svg)", markdown);
    }

    [Fact]
    public void The_json_carries_the_ranking_and_the_sources()
    {
        using var json = JsonDocument.Parse(JsonReport.Render(Example));
        var ranking = json.RootElement.GetProperty("evaluation").GetProperty("ranking");
        Assert.Equal(["serverless", "monolith", "microservices"], ranking.EnumerateArray().Select(option => option.GetProperty("name").GetString()));
        Assert.Equal("Given", ranking[0].GetProperty("scores")[0].GetProperty("source").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("acceptability").GetProperty("options").GetArrayLength());
    }

    [Fact]
    public void The_chart_is_svg_whose_bars_are_the_weighted_scores_and_the_rank_shares()
    {
        var svg = XDocument.Parse(SvgChart.Render(Example));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        var bars = svg.Descendants(ns + "rect").Where(rect => rect.Element(ns + "title") is not null).ToList();
        double Width(string prefix) => bars.Where(bar => bar.Element(ns + "title")!.Value.StartsWith(prefix, StringComparison.Ordinal)
                                                        && bar.Element(ns + "title")!.Value.Contains(" = ", StringComparison.Ordinal))
            .Sum(bar => double.Parse(bar.Attribute("width")!.Value, CultureInfo.InvariantCulture));
        // 600 px stand for a total of 10: the stacked segments of each option add up to its total.
        Assert.Equal(7.80 * 60, Width("serverless,"), 0);
        Assert.Equal(7.15 * 60, Width("microservices,"), 0);
        Assert.Equal(6 * 3, bars.Count(bar => bar.Element(ns + "title")!.Value.Contains(" = ", StringComparison.Ordinal)));
        Assert.Contains(bars, bar => bar.Element(ns + "title")!.Value.StartsWith("serverless: rank 1 in", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_prints_the_ranking_and_writes_the_three_reports()
    {
        var output = Directory.CreateTempSubdirectory("decide-").FullName;
        try
        {
            var (code, stdout, stderr) = Decide(Decisions.InRepository("docs/decisions/example.yaml"), "--out", output);
            Assert.True(code == 0, stderr);
            var ranking = stdout.Split('\n').Where(line => line.Length > 2 && char.IsDigit(line[0]) && line[1] == '.').Select(line => line.Split("   ")[0]).ToList();
            Assert.Equal(["1. serverless 7.80", "2. monolith 7.20", "3. microservices 7.15"], ranking);
            Assert.True(File.Exists(Path.Combine(output, "example.chart.svg")));
            Assert.True(File.Exists(Path.Combine(output, "example.report.md")));
            Assert.True(File.Exists(Path.Combine(output, "example.report.json")));

            var inconsistent = Path.Combine(output, "inconsistent.yaml");
            File.WriteAllText(inconsistent, "title: t\nweights: { ahp: [[a, b, 9], [b, c, 9], [c, a, 9]] }\ncriteria: [{ name: a }, { name: b }, { name: c }]\noptions: [{ name: x, reason: r, scores: { a: 1, b: 2, c: 3 } }]\n");
            (code, _, stderr) = Decide(inconsistent);
            Assert.Equal(1, code);
            Assert.Contains("consistency ratio 6.130 > 0.10", stderr);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static (int Code, string Out, string Error) Decide(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "decide.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "decide did not finish within 60 s");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
