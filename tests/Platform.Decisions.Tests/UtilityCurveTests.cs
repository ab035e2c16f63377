using CsCheck;
using Platform.Decisions.Scoring;

namespace Platform.Decisions.Tests;

/// <summary>The utility curves from a measured figure to a score: 1 at worst, 10 at best, clamped, in either direction.</summary>
public sealed class UtilityCurveTests
{
    [Theory]
    [InlineData(1000, 1)]
    [InlineData(10, 10)]
    [InlineData(505, 5.5)]
    [InlineData(5000, 1)] // worse than worst
    [InlineData(1, 10)] // better than best
    public void Linear_lower_is_better(double p99, double score) => Assert.Equal(score, new LinearCurve(1000, 10).Score(p99), 9);

    [Theory]
    [InlineData(10, 1)]
    [InlineData(100, 5.5)] // halfway in decades
    [InlineData(1000, 10)]
    [InlineData(0, 1)]
    public void Log_higher_is_better_each_decade_worth_the_same(double perSecond, double score) =>
        Assert.Equal(score, new LogarithmicCurve(10, 1000).Score(perSecond), 9);

    [Theory]
    [InlineData(0, 10)]
    [InlineData(0.5, 10)]
    [InlineData(2.75, 7.5)] // between 0.5 → 10 and 5 → 5
    [InlineData(20, 2)]
    [InlineData(100, 2)]
    public void Points_interpolate_and_stay_flat_beyond(double failedPercent, double score) =>
        Assert.Equal(score, new PointsCurve([(5, 5), (0.5, 10), (20, 2)]).Score(failedPercent), 9);

    [Fact]
    public void Every_curve_stays_between_1_and_10_and_moves_one_way() =>
        Gen.Select(Gen.Double[0.001, 1000], Gen.Double[0.001, 1000], Gen.Double[0, 2000], Gen.Double[0, 2000])
            .Where((worst, best, _, _) => Math.Abs(worst - best) > 1e-3)
            .Sample((worst, best, x, y) =>
            {
                foreach (UtilityCurve curve in new UtilityCurve[] { new LinearCurve(worst, best), new LogarithmicCurve(worst, best) })
                {
                    var (low, high) = (Math.Min(x, y), Math.Max(x, y));
                    var (a, b) = (curve.Score(low), curve.Score(high));
                    if (a is < 1 or > 10 || b is < 1 or > 10)
                        return false;
                    if (best > worst ? a > b + 1e-9 : a < b - 1e-9)
                        return false;
                }
                return true;
            });
}
