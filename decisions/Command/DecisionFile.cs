using System.Globalization;
using System.Text.Json;
using Platform.Decisions.Model;
using Platform.Decisions.Scoring;
using Platform.Decisions.Sensitivity;
using Platform.Decisions.Weights;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Platform.Decisions.Command;

/// <summary>
/// A decision file: its criteria (a weight each, or AHP judgments under <c>weights.ahp</c>), and its options (scores
/// given with a reason, or figures that the criteria's utility curves turn into scores). Figures can sit in the option
/// or in a JSON file named by <c>figures</c>, as <c>./bench.sh shapes</c> writes it: <c>{"source": "...",
/// "options": {"monolith": {"p99_ms": 12.5}}}</c>. docs/decisions/README.md describes the format.
/// </summary>
public sealed record DecisionFile(Decision Decision, AhpWeights? Ahp, double Concentration)
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    /// <summary>Reads <paramref name="path"/>; a figures file it names is read relative to it.</summary>
    public static DecisionFile Read(string path)
    {
        Document document;
        try
        {
            document = Yaml.Deserialize<Document>(File.ReadAllText(path)) ?? throw new DecisionException("The file is empty.");
        }
        catch (YamlException bad)
        {
            throw new DecisionException($"line {bad.Start.Line}, column {bad.Start.Column}: {(bad.InnerException ?? bad).Message}");
        }
        var figures = document.Figures is { } figuresPath ? FiguresFile.Read(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, figuresPath)) : FiguresFile.None;
        return Parse(document, figures);
    }

    private static DecisionFile Parse(Document document, FiguresFile figures)
    {
        if (string.IsNullOrWhiteSpace(document.Title))
            throw new DecisionException("The decision has no title.");
        var names = document.Criteria.Select(criterion => criterion.Name ?? throw new DecisionException("A criterion has no name.")).ToList();
        var ahp = document.Weights?.Ahp is { } judgments ? Platform.Decisions.Weights.Ahp.Derive(names, [.. judgments.Select(Judgment)]) : null;
        var criteria = document.Criteria.Select(criterion => new Criterion(criterion.Name!, Weight(criterion, ahp), Utility(criterion))).ToList();
        var options = document.Options.Select(option => Option(option, figures)).ToList();
        return new DecisionFile(new Decision(document.Title, criteria, options) { FiguresSource = figures.Source }, ahp,
            document.Concentration ?? RankAcceptability.DefaultConcentration);
    }

    private static double Weight(CriterionEntry criterion, AhpWeights? ahp) => (criterion.Weight, ahp) switch
    {
        ({ }, { }) => throw new DecisionException($"{criterion.Name} has a weight and the weights are derived by AHP: give one or the other."),
        ({ } weight, null) => weight,
        (null, { } derived) => derived.Weights[criterion.Name!],
        _ => throw new DecisionException($"{criterion.Name} has no weight (give one, or AHP judgments under weights.ahp)."),
    };

    private static Utility? Utility(CriterionEntry criterion) =>
        criterion.Utility is null ? null : new Utility([.. criterion.Utility.Select(term => new UtilityTerm(
            term.Figure ?? throw new DecisionException($"A utility term of {criterion.Name} names no figure."), Curve(criterion.Name!, term), term.Share ?? 1))]);

    private static UtilityCurve Curve(string criterion, TermEntry term) => term.Curve switch
    {
        "linear" => new LinearCurve(Required(term.Worst, criterion, "worst"), Required(term.Best, criterion, "best")),
        "log" when term.Worst > 0 && term.Best > 0 => new LogarithmicCurve(term.Worst.Value, term.Best.Value),
        "log" => throw new DecisionException($"{criterion}'s log curve needs worst and best above 0."),
        "points" when term.Points is { Count: >= 2 } points && points.All(point => point.Count == 2) =>
            new PointsCurve([.. points.Select(point => (point[0], point[1]))]),
        "points" => throw new DecisionException($"{criterion}'s points curve needs two or more [figure, score] points."),
        _ => throw new DecisionException($"{criterion}'s curve is '{term.Curve}': linear, log or points."),
    };

    private static double Required(double? value, string criterion, string what) =>
        value ?? throw new DecisionException($"{criterion}'s curve has no {what}.");

    private static Option Option(OptionEntry option, FiguresFile figures)
    {
        var name = option.Name ?? throw new DecisionException("An option has no name.");
        var given = (option.Scores ?? []).ToDictionary(score => score.Key, score => Given(name, score.Key, score.Value, option.Reason));
        var measured = new Dictionary<string, double>(figures.For(name));
        foreach (var (figure, value) in option.Figures ?? [])
            measured[figure] = value;
        return new Option(name, given, measured);
    }

    /// <summary>A score is a number (with the option's reason) or <c>{score, reason}</c>.</summary>
    private static GivenScore Given(string option, string criterion, object value, string? reason) => value switch
    {
        string number => new GivenScore(Number(number, $"{option}'s score for {criterion}"),
            reason ?? throw new DecisionException($"{option}'s score for {criterion} has no reason: give {{score, reason}}, or a reason for the option.")),
        Dictionary<object, object> entry when entry.TryGetValue("score", out var score) && score is string number =>
            new GivenScore(Number(number, $"{option}'s score for {criterion}"), entry.TryGetValue("reason", out var why) ? why as string ?? "" : reason ?? ""),
        _ => throw new DecisionException($"{option}'s score for {criterion} is neither a number nor {{score, reason}}."),
    };

    /// <summary>"A over B by 3": [A, B, 3]; 1/3 for the other way.</summary>
    private static PairwiseJudgment Judgment(List<string> judgment) => judgment is [var more, var less, var times]
        ? new PairwiseJudgment(more, less, Ratio(times))
        : throw new DecisionException($"An AHP judgment is [more, less, times]: [{string.Join(", ", judgment)}].");

    private static double Ratio(string times) => times.Split('/') is [var over, var under]
        ? Number(over, "a judgment") / Number(under, "a judgment")
        : Number(times, "a judgment");

    private static double Number(string text, string what) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new DecisionException($"{what} is '{text}', not a number.");

    private sealed class Document
    {
        public string Title { get; set; } = "";
        public string? Figures { get; set; }
        public double? Concentration { get; set; }
        public WeightsEntry? Weights { get; set; }
        public List<CriterionEntry> Criteria { get; set; } = [];
        public List<OptionEntry> Options { get; set; } = [];
    }

    private sealed class WeightsEntry
    {
        public List<List<string>>? Ahp { get; set; }
    }

    private sealed class CriterionEntry
    {
        public string? Name { get; set; }
        public double? Weight { get; set; }
        public List<TermEntry>? Utility { get; set; }
    }

    private sealed class TermEntry
    {
        public string? Figure { get; set; }
        public string? Curve { get; set; }
        public double? Worst { get; set; }
        public double? Best { get; set; }
        public List<List<double>>? Points { get; set; }
        public double? Share { get; set; }
    }

    private sealed class OptionEntry
    {
        public string? Name { get; set; }
        public string? Reason { get; set; }
        public Dictionary<string, object>? Scores { get; set; }
        public Dictionary<string, double>? Figures { get; set; }
    }

    /// <summary>Measured figures per option, and where they came from.</summary>
    private sealed record FiguresFile(string? Source, IReadOnlyDictionary<string, Dictionary<string, double>> Options)
    {
        public static readonly FiguresFile None = new(null, new Dictionary<string, Dictionary<string, double>>());

        public IReadOnlyDictionary<string, double> For(string option) => Options.TryGetValue(option, out var figures) ? figures : new Dictionary<string, double>();

        public static FiguresFile Read(string path)
        {
            if (!File.Exists(path))
                throw new DecisionException($"The figures file {path} does not exist: the command that writes it (./bench.sh shapes for the shapes) has not been run.");
            try
            {
                var read = JsonSerializer.Deserialize<FiguresFile>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web));
                return read ?? None;
            }
            catch (JsonException bad)
            {
                throw new DecisionException($"The figures file {path} is not as expected: {bad.Message}");
            }
        }
    }
}
