using System.Globalization;
using Platform.Decisions.Command;
using Platform.Decisions.Model;
using Platform.Decisions.Reports;

// ./decide.sh <decision.yaml> [--out DIR]: prints the ranking and writes <name>.report.md, <name>.report.json and
// <name>.chart.svg beside the file (or in DIR).
if (args is not [var path, ..] || path.StartsWith('-'))
{
    Console.Error.WriteLine("usage: ./decide.sh <decision.yaml> [--out DIR]   (docs/decisions/README.md describes the file)");
    return 2;
}
var outIndex = Array.IndexOf(args, "--out");
var folder = outIndex > 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : Path.GetDirectoryName(Path.GetFullPath(path))!;
try
{
    if (!File.Exists(path))
        throw new DecisionException("no such file.");
    var file = DecisionFile.Read(path);
    var report = DecisionReport.Of(file.Decision, file.Ahp, file.Concentration);
    var name = Path.GetFileNameWithoutExtension(path);
    Directory.CreateDirectory(folder);
    var chart = $"{name}.chart.svg";
    File.WriteAllText(Path.Combine(folder, chart), SvgChart.Render(report));
    File.WriteAllText(Path.Combine(folder, $"{name}.report.md"), MarkdownReport.Render(report, chart));
    File.WriteAllText(Path.Combine(folder, $"{name}.report.json"), JsonReport.Render(report));

    Console.WriteLine(report.Evaluation.Title);
    if (file.Ahp is { } ahp)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"weights by AHP, consistency ratio {ahp.ConsistencyRatio:0.000}"));
    foreach (var option in report.Evaluation.Ranking)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{option.Rank}. {option.Name} {option.Total:0.00}   (rank 1 in {report.Acceptability.Options.Single(o => o.Name == option.Name).Ranks[0]:0%} of weight draws)"));
    foreach (var flip in report.MostCritical.Where(flip => flip.Change is not null))
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{flip.Lower} ties {flip.Higher} if {flip.Criterion}'s weight goes {flip.Weight:0.000} → {flip.NewWeight:0.000} ({flip.Relative:+0%;-0%})"));
    Console.WriteLine($"wrote {Path.Combine(folder, $"{name}.report.md")}, {name}.report.json and {chart}");
    return 0;
}
catch (DecisionException refused)
{
    Console.Error.WriteLine($"decide: {path}: {refused.Message}");
    return 1;
}
