using Platform.Decisions.Model;
using Platform.Decisions.Weights;

namespace Platform.Decisions.Tests;

/// <summary>
/// AHP's weights and consistency: consistent judgments give back the weights they came from; Saaty's 3×3 example
/// gives its published weights and ratio (checked against an independent power iteration); contradicting judgments
/// are refused with the ratio; every pair must be judged once.
/// </summary>
public sealed class AhpTests
{
    private static readonly string[] Three = ["a", "b", "c"];

    [Fact]
    public void Consistent_judgments_give_back_their_weights_with_a_ratio_of_zero()
    {
        double[] weights = [0.2, 0.2, 0.2, 0.15, 0.15, 0.1];
        var judgments = new List<PairwiseJudgment>();
        for (var i = 0; i < weights.Length; i++)
            for (var j = i + 1; j < weights.Length; j++)
                judgments.Add(new PairwiseJudgment(Decisions.Criteria[i], Decisions.Criteria[j], weights[i] / weights[j]));
        var ahp = Ahp.Derive(Decisions.Criteria, judgments);
        Assert.Equal(weights, Decisions.Criteria.Select(criterion => ahp.Weights[criterion]), (x, y) => Math.Abs(x - y) < 1e-9);
        Assert.Equal(6, ahp.LambdaMax, 9);
        Assert.Equal(0, ahp.ConsistencyRatio, 9);
    }

    [Fact]
    public void Saatys_three_by_three_example()
    {
        var ahp = Ahp.Derive(Three, [new("a", "b", 3), new("a", "c", 5), new("b", "c", 3)]);
        // From a power iteration in Python over the same matrix: 0.63699, 0.25828, 0.10473; λ 3.03851.
        Assert.Equal(0.636986, ahp.Weights["a"], 5);
        Assert.Equal(0.258285, ahp.Weights["b"], 5);
        Assert.Equal(0.104729, ahp.Weights["c"], 5);
        Assert.Equal(3.038511, ahp.LambdaMax, 5);
        Assert.Equal(0.019256 / 0.58, ahp.ConsistencyRatio, 4);
    }

    [Fact]
    public void Judgments_that_go_round_in_a_circle_are_refused_with_the_ratio()
    {
        var refused = Assert.Throws<DecisionException>(() => Ahp.Derive(Three, [new("a", "b", 9), new("b", "c", 9), new("c", "a", 9)]));
        Assert.Contains("consistency ratio 6.130 > 0.10", refused.Message);
        Assert.Contains("Furthest from the weights they imply", refused.Message);
    }

    [Fact]
    public void A_mildly_inconsistent_matrix_over_the_bound_is_refused_and_one_under_it_is_kept()
    {
        // a > b 2, b > c 2 implies a > c 4: judged 4 it is consistent; judged 1/2 it contradicts them.
        Assert.True(Ahp.Derive(Three, [new("a", "b", 2), new("b", "c", 2), new("a", "c", 3)]).ConsistencyRatio <= 0.10);
        Assert.Contains("consistency ratio", Assert.Throws<DecisionException>(() =>
            Ahp.Derive(Three, [new("a", "b", 2), new("b", "c", 2), new("a", "c", 0.5)])).Message);
    }

    [Fact]
    public void A_missing_pair_a_repeated_pair_and_a_value_off_the_scale_are_refused()
    {
        Assert.Contains("b and c are not judged", Assert.Throws<DecisionException>(() => Ahp.Derive(Three, [new("a", "b", 3), new("a", "c", 5)])).Message);
        Assert.Contains("judged twice", Assert.Throws<DecisionException>(() =>
            Ahp.Derive(Three, [new("a", "b", 3), new("b", "a", 3), new("a", "c", 5), new("b", "c", 3)])).Message);
        Assert.Contains("from 1/9 to 9", Assert.Throws<DecisionException>(() => Ahp.Derive(Three, [new("a", "b", 12), new("a", "c", 5), new("b", "c", 3)])).Message);
        Assert.Contains("not a criterion", Assert.Throws<DecisionException>(() => Ahp.Derive(Three, [new("a", "z", 3)])).Message);
    }
}
