using System.Globalization;
using System.Text;
using Platform.Decisions.Model;
using Platform.Decisions.Sensitivity;

namespace Platform.Decisions.Reports;

/// <summary>The report as Markdown: the matrix (each cell's basis below it), the weights, and the sensitivity.</summary>
public static class MarkdownReport
{
    public static string Render(DecisionReport report, string? chart = null)
    {
        var evaluation = report.Evaluation;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# {evaluation.Title}").AppendLine();
        if (evaluation.FiguresSource is { } source)
            text.AppendLine(CultureInfo.InvariantCulture, $"Measured figures: {source}.").AppendLine();
        if (chart is not null)
            text.AppendLine(CultureInfo.InvariantCulture, $"![weighted scores and rank acceptability]({chart})").AppendLine();

        text.AppendLine("## The matrix").AppendLine();
        text.AppendLine("| rank | option | " + string.Join(" | ", evaluation.Criteria.Select(c => $"{c.Name} ({N(c.Weight)})")) + " | total |");
        text.AppendLine("|---|---|" + string.Concat(evaluation.Criteria.Select(_ => "---|")) + "---|");
        foreach (var option in evaluation.Ranking)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {option.Rank} | {option.Name} | {string.Join(" | ", option.Scores.Select(s => N(s.Value) + (s.Source == ScoreSource.Measured ? "*" : "")))} | **{N(option.Total)}** |");
        text.AppendLine().AppendLine("\\* computed from a measured figure through the criterion's utility curve.").AppendLine();
        text.AppendLine("Where each score comes from:").AppendLine();
        foreach (var option in evaluation.Ranking)
            foreach (var score in option.Scores)
                text.AppendLine(CultureInfo.InvariantCulture, $"- {option.Name}, {score.Criterion} {N(score.Value)}: {(score.Source == ScoreSource.Given ? "given: " : "measured: ")}{score.Basis}");
        text.AppendLine();

        text.AppendLine("## The weights").AppendLine();
        if (report.Ahp is { } ahp)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Derived by AHP from pairwise judgments: λmax {ahp.LambdaMax:0.000}, consistency index {ahp.ConsistencyIndex:0.000}, consistency ratio **{ahp.ConsistencyRatio:0.000}** (at most 0.10).").AppendLine();
        else
            text.AppendLine("Given directly.").AppendLine();
        foreach (var criterion in evaluation.Criteria)
            text.AppendLine(CultureInfo.InvariantCulture, $"- {criterion.Name}: {criterion.Weight:0.000}");
        text.AppendLine();

        text.AppendLine("## Sensitivity").AppendLine();
        text.AppendLine("The smallest change of one weight that makes two options tie, the other weights rescaled to keep the sum at 1 (Triantaphyllou): the most critical criterion of each pair first.").AppendLine();
        text.AppendLine("| higher | lower | criterion | weight | change | new weight | relative |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var flip in report.Flips)
            text.AppendLine(flip.Change is { } change
                ? string.Create(CultureInfo.InvariantCulture, $"| {flip.Higher} | {flip.Lower} | {flip.Criterion} | {flip.Weight:0.000} | {change:+0.000;-0.000} | {flip.NewWeight:0.000} | {flip.Relative:+0%;-0%} |")
                : string.Create(CultureInfo.InvariantCulture, $"| {flip.Higher} | {flip.Lower} | {flip.Criterion} | {flip.Weight:0.000} | none flips them | | |"));
        text.AppendLine();
        Acceptability(text, report.Acceptability);
        return text.ToString();
    }

    private static void Acceptability(StringBuilder text, RankAcceptability acceptability)
    {
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Rank acceptability (SMAA): {acceptability.Samples} weight vectors drawn from a Dirichlet distribution centred on the weights, concentration {acceptability.Concentration:0.##} (seed {acceptability.Seed}); the share of draws in which each option takes each rank.").AppendLine();
        var ranks = acceptability.Options.Count;
        text.AppendLine("| option | " + string.Join(" | ", Enumerable.Range(1, ranks).Select(rank => $"rank {rank}")) + " |");
        text.AppendLine("|---|" + string.Concat(Enumerable.Range(0, ranks).Select(_ => "---|")));
        foreach (var option in acceptability.Options)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {option.Name} | {string.Join(" | ", option.Ranks.Select(share => share.ToString("0.0%", CultureInfo.InvariantCulture)))} |");
    }

    private static string N(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
