using System.Globalization;
using Platform.Decisions.Command;
using Platform.Decisions.Model;
using Platform.Decisions.Scoring;

namespace Platform.Decisions.Tests;

/// <summary>
/// The trade-off matrix's worked example, reproduced exactly: serverless 7.80, monolith 7.20, microservices 7.15, in
/// that order, from the scores built here and from docs/decisions/example.yaml alike.
/// </summary>
public sealed class WorkedExampleTests
{
    private static readonly (string Name, string Total)[] Expected = [("serverless", "7.80"), ("monolith", "7.20"), ("microservices", "7.15")];

    [Fact]
    public void The_hand_scores_give_the_examples_totals_and_ranking()
    {
        var evaluation = Evaluator.Evaluate(Decisions.Given(Decisions.Weights, Decisions.Example));
        Assert.Equal(Expected, Ranked(evaluation));
        Assert.Equal([7.8, 7.2, 7.15], evaluation.Ranking.Select(option => option.Total), new Within(1e-9));
        Assert.Equal([1, 2, 3], evaluation.Ranking.Select(option => option.Rank));
    }

    [Fact]
    public void The_example_file_gives_the_same()
    {
        var file = DecisionFile.Read(Decisions.InRepository("docs/decisions/example.yaml"));
        Assert.Null(file.Ahp);
        var evaluation = Evaluator.Evaluate(file.Decision);
        Assert.Equal(Expected, Ranked(evaluation));
        Assert.All(evaluation.Ranking.SelectMany(option => option.Scores), score =>
        {
            Assert.Equal(ScoreSource.Given, score.Source);
            Assert.Equal("the worked example's hand score", score.Basis);
        });
    }

    [Theory]
    [InlineData("example")]
    [InlineData("example-ahp")]
    [InlineData("startup")] // from the committed figures of ./bench.sh shapes (shapes.json)
    [InlineData("function-starts")] // ADR 0049 revisited, from ./bench.sh function-starts
    [InlineData("snapshots")] // ADR 0011 revisited, from ./bench.sh snapshots
    public void The_committed_reports_are_what_decide_writes_today(string name)
    {
        var file = DecisionFile.Read(Decisions.InRepository($"docs/decisions/{name}.yaml"));
        var report = Reports.DecisionReport.Of(file.Decision, file.Ahp, file.Concentration);
        string Committed(string suffix) => File.ReadAllText(Decisions.InRepository($"docs/decisions/{name}.{suffix}"));
        var again = $"is not what ./decide.sh docs/decisions/{name}.yaml writes today: run it again and commit what it wrote";
        Assert.True(Committed("report.md") == Reports.MarkdownReport.Render(report, $"{name}.chart.svg"), $"{name}.report.md {again}");
        Assert.True(Committed("report.json") == Reports.JsonReport.Render(report), $"{name}.report.json {again}");
        Assert.True(Committed("chart.svg") == Reports.SvgChart.Render(report), $"{name}.chart.svg {again}");
    }

    [Fact]
    public void The_examples_weights_by_ahp_are_its_given_weights_with_a_ratio_of_zero()
    {
        var file = DecisionFile.Read(Decisions.InRepository("docs/decisions/example-ahp.yaml"));
        Assert.Equal(Decisions.Weights, file.Decision.Criteria.Select(criterion => criterion.Weight), (x, y) => Math.Abs(x - y) < 1e-9);
        Assert.Equal(0, file.Ahp!.ConsistencyRatio, 9);
        Assert.Equal(Expected, Ranked(Evaluator.Evaluate(file.Decision)));
    }

    [Fact]
    public void The_inconsistent_example_is_refused_with_its_ratio() =>
        Assert.Contains("consistency ratio 6.130 > 0.10", Assert.Throws<DecisionException>(() =>
            DecisionFile.Read(Decisions.InRepository("docs/decisions/inconsistent-weights.yaml"))).Message);

    private static (string, string)[] Ranked(Evaluation evaluation) =>
        [.. evaluation.Ranking.Select(option => (option.Name, option.Total.ToString("0.00", CultureInfo.InvariantCulture)))];

    private sealed class Within(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
