using CsCheck;
using Platform.Decisions.Model;
using Platform.Decisions.Scoring;
using Platform.Decisions.Sensitivity;

namespace Platform.Decisions.Tests;

/// <summary>
/// The ranking's sensitivity: each weight change reported makes its two options tie exactly, with weights that still
/// sum to 1 and lie in [0, 1]; rank acceptability's shares are a distribution per option, reproducible
/// by seed, and, with the weights held tight, the ranking itself.
/// </summary>
public sealed class SensitivityTests
{
    [Fact]
    public void In_the_example_a_scalability_weight_of_0_059_ties_monolith_with_serverless()
    {
        var flips = WeightFlips.Among(Evaluator.Evaluate(Decisions.Given(Decisions.Weights, Decisions.Example)));
        var critical = flips.First(flip => flip is { Higher: "serverless", Lower: "monolith" });
        Assert.Equal("scalability", critical.Criterion);
        Assert.Equal(0.2 - 0.6 / 4.25, critical.NewWeight!.Value, 9); // D = -0.6; slope = -4 - 0.2 / 0.8
    }

    [Fact]
    public void Every_flip_reported_ties_its_two_options_with_weights_that_still_sum_to_one() =>
        Decision.Sample(evaluation =>
        {
            var weights = evaluation.Weights;
            foreach (var flip in WeightFlips.Among(evaluation, top: evaluation.Ranking.Count).Where(flip => flip.Change is not null))
            {
                var k = evaluation.Criteria.ToList().FindIndex(criterion => criterion.Name == flip.Criterion);
                var moved = WeightFlips.Moved(weights, k, flip.Change!.Value);
                var higher = evaluation.Ranking.Single(option => option.Name == flip.Higher).Scores.Select(score => score.Value).ToArray();
                var lower = evaluation.Ranking.Single(option => option.Name == flip.Lower).Scores.Select(score => score.Value).ToArray();
                if (Math.Abs(Evaluator.Total(moved, higher) - Evaluator.Total(moved, lower)) > 1e-9
                    || Math.Abs(moved.Sum() - 1) > 1e-9 || moved.Any(weight => weight < -1e-12 || weight > 1 + 1e-12))
                    return false;
            }
            return true;
        });

    [Fact]
    public void Rank_acceptability_is_a_distribution_per_option_and_reproducible_by_its_seed() =>
        Decision.Sample(evaluation =>
        {
            var first = RankAcceptability.Sample(evaluation, samples: 300, seed: 7);
            var again = RankAcceptability.Sample(evaluation, samples: 300, seed: 7);
            var n = evaluation.Ranking.Count;
            return first.Options.All(option => Math.Abs(option.Ranks.Sum() - 1) < 1e-9)
                   && first.Options.Count == n && first.Options.All(option => option.Ranks.Count == n)
                   && first.Options.Zip(again.Options).All(pair => pair.First.Ranks.SequenceEqual(pair.Second.Ranks));
        }, iter: 50);

    [Fact]
    public void With_the_weights_held_tight_the_acceptability_is_the_ranking()
    {
        var evaluation = Evaluator.Evaluate(Decisions.Given(Decisions.Weights, Decisions.Example));
        var tight = RankAcceptability.Sample(evaluation, samples: 500, concentration: 1e7);
        Assert.Equal([1.0, 0, 0], tight.Options.Single(option => option.Name == "serverless").Ranks);
        Assert.Equal([0, 1.0, 0], tight.Options.Single(option => option.Name == "monolith").Ranks);
        // Loose, the close second and third trade places often; the first rarely loses.
        var loose = RankAcceptability.Sample(evaluation, concentration: 20);
        Assert.InRange(loose.Options.Single(option => option.Name == "monolith").Ranks[1], 0.2, 0.8);
    }

    /// <summary>Generated decisions: 2–5 options, 2–6 criteria, scores 1–10, weights positive and summing to 1.</summary>
    private static readonly Gen<Evaluation> Decision =
        from criteria in Gen.Int[2, 6]
        from options in Gen.Int[2, 5]
        from raw in Gen.Double[0.05, 1].Array[criteria]
        from scores in Gen.Int[1, 10].Array[criteria].Array[options]
        select Evaluator.Evaluate(Decisions.Given([.. raw.Select(weight => weight / raw.Sum())],
            scores.Select((row, i) => ($"option {i}", row.Select(score => (double)score).ToArray()))));
}
