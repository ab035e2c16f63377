using MathNet.Numerics.LinearAlgebra;
using Platform.Decisions.Model;

namespace Platform.Decisions.Weights;

/// <summary>"<see cref="More"/> matters <see cref="Times"/> as much as <see cref="Less"/>", on Saaty's 1–9 scale (1/9–1 the other way).</summary>
public sealed record PairwiseJudgment(string More, string Less, double Times);

/// <summary>Weights derived by AHP, with the consistency of the judgments they came from.</summary>
public sealed record AhpWeights(IReadOnlyDictionary<string, double> Weights, double LambdaMax, double ConsistencyIndex, double ConsistencyRatio)
{
    /// <summary>Saaty's bound: judgments less consistent than this are refused.</summary>
    public const double MostInconsistent = 0.10;
}

/// <summary>
/// Saaty's analytic hierarchy process for the criteria's weights: a judgment for every pair of criteria forms a
/// reciprocal matrix; the weights are its principal eigenvector, normalised to sum 1; its largest eigenvalue λ gives the
/// consistency index CI = (λ − n)/(n − 1), and the ratio CR = CI / RI, where RI is the index of random matrices of that
/// size. CR over 0.10 means the judgments contradict each other (A over B, B over C, C over A): refused, with the
/// ratio and the judgment furthest from what the weights imply.
/// </summary>
public static class Ahp
{
    /// <summary>Saaty's random indices, for n = 1 … 10.</summary>
    private static readonly double[] RandomIndex = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

    public static AhpWeights Derive(IReadOnlyList<string> criteria, IReadOnlyList<PairwiseJudgment> judgments)
    {
        var n = criteria.Count;
        if (n is < 2 or > 10)
            throw new DecisionException($"AHP here weighs 2 to 10 criteria; this has {n}.");
        var matrix = Reciprocal(criteria, judgments);
        var (weights, lambda) = PrincipalEigenvector(matrix);
        var ci = n > 2 ? (lambda - n) / (n - 1) : 0;
        var cr = n > 2 ? ci / RandomIndex[n - 1] : 0;
        if (cr > AhpWeights.MostInconsistent)
        {
            var (i, j) = Furthest(matrix, weights);
            throw new DecisionException(
                $"The pairwise judgments are inconsistent: consistency ratio {cr:0.000} > {AhpWeights.MostInconsistent:0.00} (λmax {lambda:0.000}, CI {ci:0.000}, RI {RandomIndex[n - 1]:0.00}). " +
                $"Furthest from the weights they imply: {criteria[i]} against {criteria[j]}, judged {Judged(matrix[i, j])}, where the rest imply {Judged(weights[i] / weights[j])}.");
        }
        return new AhpWeights(criteria.Select((name, k) => (name, weights[k])).ToDictionary(), lambda, ci, cr);
    }

    private static Matrix<double> Reciprocal(IReadOnlyList<string> criteria, IReadOnlyList<PairwiseJudgment> judgments)
    {
        var n = criteria.Count;
        var matrix = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 1 : double.NaN);
        foreach (var judgment in judgments)
        {
            var (i, j) = (Index(criteria, judgment.More), Index(criteria, judgment.Less));
            if (i == j)
                throw new DecisionException($"A judgment compares {judgment.More} with itself.");
            if (judgment.Times is < 1.0 / 9 or > 9 || double.IsNaN(judgment.Times))
                throw new DecisionException($"{judgment.More} against {judgment.Less} is {judgment.Times}: Saaty's scale runs from 1/9 to 9.");
            if (!double.IsNaN(matrix[i, j]))
                throw new DecisionException($"{judgment.More} and {judgment.Less} are judged twice.");
            (matrix[i, j], matrix[j, i]) = (judgment.Times, 1 / judgment.Times);
        }
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (double.IsNaN(matrix[i, j]))
                    throw new DecisionException($"{criteria[i]} and {criteria[j]} are not judged: AHP needs every pair ({n * (n - 1) / 2} judgments).");
        return matrix;
    }

    /// <summary>The Perron eigenvector of a positive matrix: its largest real eigenvalue's, all of one sign, scaled to sum 1.</summary>
    private static (double[] Weights, double Lambda) PrincipalEigenvector(Matrix<double> matrix)
    {
        var evd = matrix.Evd();
        var principal = Enumerable.Range(0, matrix.RowCount).MaxBy(k => evd.EigenValues[k].Real);
        var vector = evd.EigenVectors.Column(principal);
        var sum = vector.Sum();
        return ([.. vector.Select(value => value / sum)], evd.EigenValues[principal].Real);
    }

    private static (int I, int J) Furthest(Matrix<double> matrix, double[] weights)
    {
        var pairs = from i in Enumerable.Range(0, weights.Length) from j in Enumerable.Range(0, weights.Length) where i < j select (i, j);
        return pairs.MaxBy(pair => Math.Abs(Math.Log(matrix[pair.i, pair.j] / (weights[pair.i] / weights[pair.j]))));
    }

    private static string Judged(double ratio) => Math.Abs(ratio - 1) < 0.005 ? "1" : ratio > 1 ? $"{ratio:0.##}" : $"1/{1 / ratio:0.##}";

    private static int Index(IReadOnlyList<string> criteria, string name)
    {
        for (var k = 0; k < criteria.Count; k++)
            if (criteria[k] == name)
                return k;
        throw new DecisionException($"A judgment names {name}, which is not a criterion.");
    }
}
