using Platform.Decisions.Model;
using Platform.Decisions.Scoring;
using Platform.Decisions.Sensitivity;
using Platform.Decisions.Weights;

namespace Platform.Decisions.Reports;

/// <summary>Everything a decision's reports show: the matrix, how the weights were reached, and the ranking's sensitivity.</summary>
public sealed record DecisionReport(Evaluation Evaluation, AhpWeights? Ahp, IReadOnlyList<WeightFlip> Flips, RankAcceptability Acceptability)
{
    public static DecisionReport Of(Decision decision, AhpWeights? ahp = null, double concentration = RankAcceptability.DefaultConcentration)
    {
        var evaluation = Evaluator.Evaluate(decision);
        return new DecisionReport(evaluation, ahp, WeightFlips.Among(evaluation), RankAcceptability.Sample(evaluation, concentration: concentration));
    }

    /// <summary>For each pair of the top options, the flip with the smallest change, if any weight flips them.</summary>
    public IEnumerable<WeightFlip> MostCritical =>
        Flips.GroupBy(flip => (flip.Higher, flip.Lower)).Select(pair => pair.First());
}
