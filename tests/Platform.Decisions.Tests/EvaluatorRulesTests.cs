using Platform.Decisions.Model;
using Platform.Decisions.Scoring;

namespace Platform.Decisions.Tests;

/// <summary>What the evaluator refuses, each with a message that says what and where; and how it ranks equal totals.</summary>
public sealed class EvaluatorRulesTests
{
    [Fact]
    public void Weights_that_do_not_sum_to_one_are_refused() =>
        Refused("sum to 1.1", Decisions.Given([0.3, 0.2, 0.2, 0.15, 0.15, 0.1], Decisions.Example));

    [Fact]
    public void A_weight_of_zero_is_refused() =>
        Refused("above 0", Decisions.Given([0.3, 0.2, 0.2, 0.15, 0.15, 0], Decisions.Example));

    [Fact]
    public void A_score_outside_one_to_ten_is_refused() =>
        Refused("runs from 1 to 10", Decisions.Given(Decisions.Weights, [("monolith", [6, 8, 7, 5, 9, 11])]));

    [Fact]
    public void A_score_given_without_a_reason_is_refused()
    {
        var decision = new Decision("d", [new Criterion("a", 1)], [new Option("x", new Dictionary<string, GivenScore> { ["a"] = new(5, " ") }, new Dictionary<string, double>())]);
        Refused("without a reason", decision);
    }

    [Fact]
    public void A_criterion_neither_scored_nor_measured_is_refused_with_the_option_named()
    {
        var decision = new Decision("d", [new Criterion("a", 1)], [new Option("x", new Dictionary<string, GivenScore>(), new Dictionary<string, double>())]);
        Refused("x has no score for a", decision);
    }

    [Fact]
    public void A_missing_figure_is_refused_with_the_curve_that_reads_it()
    {
        var utility = new Utility([new UtilityTerm("p99_ms", new LinearCurve(1000, 10))]);
        var decision = new Decision("d", [new Criterion("performance", 1, utility)], [new Option("x", new Dictionary<string, GivenScore>(), new Dictionary<string, double>())]);
        Refused("x has no figure p99_ms, which performance's utility curve reads", decision);
    }

    [Fact]
    public void A_measured_score_comes_from_its_figure_and_says_how()
    {
        var utility = new Utility([new UtilityTerm("p99_ms", new LinearCurve(1000, 10))]);
        var decision = new Decision("d", [new Criterion("performance", 1, utility)],
            [new Option("x", new Dictionary<string, GivenScore>(), new Dictionary<string, double> { ["p99_ms"] = 505 })]);
        var score = Evaluator.Evaluate(decision).Ranking.Single().Scores.Single();
        Assert.Equal(ScoreSource.Measured, score.Source);
        Assert.Equal(5.5, score.Value, 9);
        Assert.Equal("p99_ms 505 → 5.50 (linear, 1000 → 1, 10 → 10)", score.Basis);
    }

    [Fact]
    public void Equal_totals_share_a_rank()
    {
        var evaluation = Evaluator.Evaluate(Decisions.Given([0.5, 0.5], [("a", [4, 6]), ("b", [6, 4]), ("c", [1, 1])]));
        Assert.Equal([1, 1, 3], evaluation.Ranking.Select(option => option.Rank));
    }

    private static void Refused(string because, Decision decision) =>
        Assert.Contains(because, Assert.Throws<DecisionException>(() => Evaluator.Evaluate(decision)).Message);
}
