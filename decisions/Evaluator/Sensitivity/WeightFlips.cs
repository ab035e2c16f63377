using Platform.Decisions.Model;
using Platform.Decisions.Scoring;

namespace Platform.Decisions.Sensitivity;

/// <summary>
/// For two options, the smallest change of one criterion's weight that makes the lower equal the higher (Triantaphyllou
/// and Sánchez's most critical criterion), the other weights rescaled in proportion to keep the sum at 1. None when no
/// weight of that criterion between 0 and 1 flips them.
/// </summary>
public sealed record WeightFlip(string Higher, string Lower, string Criterion, double Weight, double? Change)
{
    public double? NewWeight => Weight + Change;

    /// <summary>The change as a share of the weight: +50% means the weight must grow by half.</summary>
    public double? Relative => Change / Weight;
}

/// <summary>The flips for each pair among the top options, the most critical first within each pair.</summary>
public static class WeightFlips
{
    /// <summary>
    /// With weight w_k moved by δ and the others scaled by (1 − w_k − δ)/(1 − w_k), the difference of two totals is
    /// linear in δ: D(δ) = D + δ·(d_k − R/(1 − w_k)), where d_k is their difference on criterion k and R the weighted
    /// sum of their differences on the others. The flip is D(δ) = 0.
    /// </summary>
    public static IReadOnlyList<WeightFlip> Among(Evaluation evaluation, int top = 3)
    {
        var weights = evaluation.Weights;
        var options = evaluation.Ranking.Take(top).ToList();
        var flips = new List<WeightFlip>();
        for (var a = 0; a < options.Count; a++)
            for (var b = a + 1; b < options.Count; b++)
            {
                var differences = options[a].Scores.Zip(options[b].Scores, (x, y) => x.Value - y.Value).ToArray();
                var pair = evaluation.Criteria.Select((criterion, k) =>
                        new WeightFlip(options[a].Name, options[b].Name, criterion.Name, weights[k], Change(weights, differences, k)))
                    .OrderBy(flip => flip.Change is { } change ? Math.Abs(change) : double.MaxValue);
                flips.AddRange(pair);
            }
        return flips;
    }

    /// <summary>The weights after moving criterion <paramref name="k"/>'s by <paramref name="change"/>, the others rescaled.</summary>
    public static double[] Moved(IReadOnlyList<double> weights, int k, double change)
    {
        var rest = (1 - weights[k] - change) / (1 - weights[k]);
        return [.. weights.Select((weight, j) => j == k ? weight + change : weight * rest)];
    }

    private static double? Change(double[] weights, double[] differences, int k)
    {
        if (weights[k] >= 1)
            return null;
        var total = Evaluator.Total(weights, differences);
        var others = total - weights[k] * differences[k];
        var slope = differences[k] - others / (1 - weights[k]);
        if (Math.Abs(slope) < 1e-12)
            return null; // this weight does not move their difference
        var change = -total / slope;
        var moved = weights[k] + change;
        return moved is >= 0 and <= 1 ? change : null;
    }
}
