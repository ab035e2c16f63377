using System.Globalization;
using System.Xml.Linq;

namespace Platform.Decisions.Reports;

/// <summary>
/// The chart, as SVG written directly (no native drawing library, so it renders wherever the report is read, CI
/// included): each option's total as a bar stacked by criterion (weight × score, on a scale of 10), and its rank
/// acceptability as a bar stacked by rank (out of 100%).
/// </summary>
public static class SvgChart
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly string[] CriterionColours = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
    private static readonly string[] RankColours = ["#1a7f37", "#7fbf7b", "#d9d9d9", "#bdbdbd", "#969696", "#737373", "#525252", "#252525", "#111111", "#000000"];

    private const double Width = 900, Label = 150, Bar = 600, RowHeight = 28, BarHeight = 18, Margin = 20;

    public static string Render(DecisionReport report)
    {
        var evaluation = report.Evaluation;
        var options = evaluation.Ranking;
        var criteria = evaluation.Criteria;
        var content = new List<XElement>();
        var y = Margin;

        content.Add(Text(Margin, y + 4, evaluation.Title, 16, "bold"));
        y += 30;
        content.Add(Text(Margin, y, "Weighted scores (weight × score per criterion; out of 10)", 13, "bold"));
        y += 12;
        foreach (var option in options)
        {
            content.Add(Text(Margin, y + 14, $"{option.Rank}. {option.Name}", 12));
            var x = Margin + Label;
            for (var k = 0; k < criteria.Count; k++)
            {
                var part = criteria[k].Weight * option.Scores[k].Value;
                var width = Bar * part / 10;
                content.Add(Rect(x, y, width, BarHeight, CriterionColours[k % CriterionColours.Length],
                    $"{option.Name}, {criteria[k].Name}: {F(criteria[k].Weight, "0.000")} × {F(option.Scores[k].Value, "0.00")} = {F(part, "0.00")}"));
                x += width;
            }
            content.Add(Text(x + 6, y + 14, F(option.Total, "0.00"), 12, "bold"));
            y += RowHeight;
        }
        y = Legend(content, y + 4, [.. criteria.Select((criterion, k) => ($"{criterion.Name} ({F(criterion.Weight, "0.00")})", CriterionColours[k % CriterionColours.Length]))]);

        var acceptability = report.Acceptability;
        y += 16;
        content.Add(Text(Margin, y, $"Rank acceptability ({acceptability.Samples} Dirichlet draws of the weights, concentration {F(acceptability.Concentration, "0.##")})", 13, "bold"));
        y += 12;
        foreach (var option in acceptability.Options)
        {
            content.Add(Text(Margin, y + 14, option.Name, 12));
            var x = Margin + Label;
            for (var rank = 0; rank < option.Ranks.Count; rank++)
            {
                var width = Bar * option.Ranks[rank];
                if (width <= 0)
                    continue;
                content.Add(Rect(x, y, width, BarHeight, RankColours[rank % RankColours.Length], $"{option.Name}: rank {rank + 1} in {F(option.Ranks[rank], "0.0%")} of draws"));
                if (width >= 40)
                    content.Add(Text(x + 4, y + 13, F(option.Ranks[rank], "0%"), 11, fill: rank == 0 ? "#ffffff" : "#000000"));
                x += width;
            }
            y += RowHeight;
        }
        y = Legend(content, y + 4, [.. Enumerable.Range(0, acceptability.Options.Count).Select(rank => ($"rank {rank + 1}", RankColours[rank % RankColours.Length]))]);

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", F(Width)), new XAttribute("height", F(y + Margin)),
            new XAttribute("viewBox", $"0 0 {F(Width)} {F(y + Margin)}"),
            new XAttribute("font-family", "sans-serif"),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#ffffff")),
            content);
        return new XDocument(svg).ToString();
    }

    private static double Legend(List<XElement> content, double y, IReadOnlyList<(string Name, string Colour)> entries)
    {
        var x = Margin + Label;
        foreach (var (name, colour) in entries)
        {
            var width = 18 + 7 * name.Length;
            if (x + width > Width - Margin)
                (x, y) = (Margin + Label, y + 18);
            content.Add(Rect(x, y, 12, 12, colour, name));
            content.Add(Text(x + 16, y + 10, name, 11));
            x += width;
        }
        return y + 20;
    }

    private static XElement Rect(double x, double y, double width, double height, string fill, string title) =>
        new(Svg + "rect", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("width", F(width)), new XAttribute("height", F(height)),
            new XAttribute("fill", fill), new XElement(Svg + "title", title));

    private static XElement Text(double x, double y, string text, double size, string weight = "normal", string fill = "#000000") =>
        new(Svg + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("font-size", F(size)),
            new XAttribute("font-weight", weight), new XAttribute("fill", fill), text);

    private static string F(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}
