using MathNet.Numerics.Distributions;
using Platform.Decisions.Model;
using Platform.Decisions.Scoring;

namespace Platform.Decisions.Sensitivity;

/// <summary>
/// SMAA's rank acceptability: how often each option takes each rank when the weights vary around the given ones.
/// Weight vectors are drawn from a Dirichlet distribution whose mean is the given weights and whose concentration c
/// sets the spread (α = c·w: the larger c, the closer to the given weights; c = 100 moves a weight of 0.2 by about
/// ±0.04). The draws are seeded, so a report is reproduced exactly.
/// </summary>
public sealed record RankAcceptability(int Samples, double Concentration, int Seed, IReadOnlyList<OptionAcceptability> Options)
{
    public const int DefaultSamples = 4000;
    public const double DefaultConcentration = 100;
    public const int DefaultSeed = 25;

    public static RankAcceptability Sample(Evaluation evaluation, int samples = DefaultSamples, double concentration = DefaultConcentration, int seed = DefaultSeed)
    {
        if (samples < 1 || concentration <= 0)
            throw new DecisionException($"Rank acceptability needs samples ≥ 1 and a concentration > 0 (got {samples} and {concentration}).");
        var scores = evaluation.Scores;
        var n = scores.Length;
        var counts = new int[n, n];
        var dirichlet = new Dirichlet([.. evaluation.Weights.Select(weight => concentration * weight)], new Random(seed));
        var totals = new double[n];
        for (var sample = 0; sample < samples; sample++)
        {
            var weights = dirichlet.Sample();
            for (var option = 0; option < n; option++)
                totals[option] = Evaluator.Total(weights, scores[option]);
            for (var option = 0; option < n; option++)
                counts[option, totals.Count(other => other > totals[option])]++;
        }
        return new RankAcceptability(samples, concentration, seed, [.. evaluation.Ranking.Select((option, i) =>
            new OptionAcceptability(option.Name, [.. Enumerable.Range(0, n).Select(rank => (double)counts[i, rank] / samples)]))]);
    }
}

/// <summary>An option's share of the samples at each rank: [0] is first place.</summary>
public sealed record OptionAcceptability(string Name, IReadOnlyList<double> Ranks);
