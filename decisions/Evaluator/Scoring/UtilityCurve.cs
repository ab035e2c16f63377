using System.Globalization;

namespace Platform.Decisions.Scoring;

/// <summary>
/// A curve from a measured figure to a score from 1 to 10, clamped at both ends. <c>worst</c> scores 1 and <c>best</c>
/// 10, whichever is larger, so a latency's curve (lower is better) and a throughput's read the same way.
/// </summary>
public abstract record UtilityCurve
{
    public const double Lowest = 1, Highest = 10;

    public abstract double Score(double value);

    public string Describe(string figure, double value) =>
        $"{figure} {value.ToString("0.###", CultureInfo.InvariantCulture)} → {Score(value).ToString("0.00", CultureInfo.InvariantCulture)} ({Shape})";

    /// <summary>The curve in a few words, for the report.</summary>
    protected abstract string Shape { get; }

    protected static double Between(double fraction) => Lowest + (Highest - Lowest) * Math.Clamp(fraction, 0, 1);

    protected static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>Straight from <c>worst</c> (1) to <c>best</c> (10).</summary>
public sealed record LinearCurve(double Worst, double Best) : UtilityCurve
{
    public override double Score(double value) => Between((value - Worst) / (Best - Worst));

    protected override string Shape => $"linear, {Number(Worst)} → 1, {Number(Best)} → 10";
}

/// <summary>
/// Straight on a log scale: each factor of ten is worth the same. For figures that span orders of magnitude, where
/// 10 → 100 requests/s matters as much as 100 → 1,000.
/// </summary>
public sealed record LogarithmicCurve(double Worst, double Best) : UtilityCurve
{
    public override double Score(double value) =>
        value <= 0 ? (Worst < Best ? Lowest : Highest) : Between((Math.Log(value) - Math.Log(Worst)) / (Math.Log(Best) - Math.Log(Worst)));

    protected override string Shape => $"log, {Number(Worst)} → 1, {Number(Best)} → 10";
}

/// <summary>CBAM's piecewise-linear utility: through the given (figure, score) points, flat beyond the first and last.</summary>
public sealed record PointsCurve(IReadOnlyList<(double Value, double Score)> Points) : UtilityCurve
{
    public override double Score(double value)
    {
        var points = Points.OrderBy(point => point.Value).ToList();
        if (value <= points[0].Value)
            return points[0].Score;
        for (var i = 1; i < points.Count; i++)
            if (value <= points[i].Value)
            {
                var (from, to) = (points[i - 1], points[i]);
                return from.Score + (to.Score - from.Score) * (value - from.Value) / (to.Value - from.Value);
            }
        return points[^1].Score;
    }

    protected override string Shape => "points " + string.Join(", ", Points.Select(point => $"{Number(point.Value)} → {Number(point.Score)}"));
}
