using Platform.Decisions.Model;

namespace Platform.Decisions.Scoring;

/// <summary>
/// The weighted sum: each option's score on each criterion (given, or measured through the criterion's utility
/// curve) times the criterion's weight, summed, and the options ranked by that total. Weights must be positive and
/// sum to 1; given scores must lie between 1 and 10. Equal totals (within 1e-9) share a rank.
/// </summary>
public static class Evaluator
{
    private const double Tolerance = 1e-9;

    public static Evaluation Evaluate(Decision decision)
    {
        Check(decision);
        var totals = decision.Options
            .Select(option => (option.Name, Scores: decision.Criteria.Select(criterion => Score(option, criterion)).ToList()))
            .Select(option => (option.Name, option.Scores, Total: Total(decision.Criteria, option.Scores)))
            .OrderByDescending(option => option.Total)
            .ToList();
        var ranking = totals.Select(option => new RankedOption(option.Name, 1 + totals.Count(other => other.Total > option.Total + Tolerance), option.Total, option.Scores)).ToList();
        return new Evaluation(decision.Title, decision.Criteria, ranking) { FiguresSource = decision.FiguresSource };
    }

    /// <summary>The weighted total of scores given in the criteria's order, under <paramref name="weights"/>.</summary>
    public static double Total(IReadOnlyList<double> weights, IReadOnlyList<double> scores) => weights.Select((weight, i) => weight * scores[i]).Sum();

    private static double Total(IReadOnlyList<Criterion> criteria, List<CriterionScore> scores) =>
        Total([.. criteria.Select(criterion => criterion.Weight)], [.. scores.Select(score => score.Value)]);

    private static CriterionScore Score(Option option, Criterion criterion)
    {
        if (option.Given.TryGetValue(criterion.Name, out var given))
            return new CriterionScore(criterion.Name, given.Score, ScoreSource.Given, given.Reason);
        if (criterion.Utility is not { } utility)
            throw new DecisionException($"{option.Name} has no score for {criterion.Name}, and {criterion.Name} has no utility curve to compute one from a figure.");
        double Figure(string name) => option.Figures.TryGetValue(name, out var value) ? value
            : throw new DecisionException($"{option.Name} has no figure {name}, which {criterion.Name}'s utility curve reads.");
        return new CriterionScore(criterion.Name, utility.Score(Figure), ScoreSource.Measured, utility.Describe(Figure));
    }

    private static void Check(Decision decision)
    {
        if (decision.Criteria.Count == 0 || decision.Options.Count == 0)
            throw new DecisionException("A decision needs at least one criterion and one option.");
        Unique(decision.Criteria.Select(criterion => criterion.Name), "criterion");
        Unique(decision.Options.Select(option => option.Name), "option");
        foreach (var criterion in decision.Criteria.Where(criterion => criterion.Weight <= 0 || double.IsNaN(criterion.Weight)))
            throw new DecisionException($"The weight of {criterion.Name} is {criterion.Weight}: a weight is above 0 (leave the criterion out instead).");
        var sum = decision.Criteria.Sum(criterion => criterion.Weight);
        if (Math.Abs(sum - 1) > 1e-6)
            throw new DecisionException($"The weights sum to {sum:0.######}, not 1.");
        foreach (var option in decision.Options)
        {
            foreach (var (criterion, given) in option.Given)
            {
                if (decision.Criteria.All(known => known.Name != criterion))
                    throw new DecisionException($"{option.Name} scores {criterion}, which is not a criterion of this decision.");
                if (given.Score is < UtilityCurve.Lowest or > UtilityCurve.Highest)
                    throw new DecisionException($"{option.Name}'s score for {criterion} is {given.Score}: a score runs from 1 to 10.");
                if (string.IsNullOrWhiteSpace(given.Reason))
                    throw new DecisionException($"{option.Name}'s score for {criterion} is given without a reason.");
            }
        }
        foreach (var criterion in decision.Criteria.Where(criterion => criterion.Utility is not null))
        {
            var shares = criterion.Utility!.Terms.Sum(term => term.Share);
            if (criterion.Utility.Terms.Count == 0 || Math.Abs(shares - 1) > 1e-6)
                throw new DecisionException($"The shares of {criterion.Name}'s utility terms sum to {shares:0.###}, not 1.");
        }
    }

    private static void Unique(IEnumerable<string> names, string what)
    {
        if (names.GroupBy(name => name).FirstOrDefault(group => group.Count() > 1) is { } twice)
            throw new DecisionException($"The {what} {twice.Key} appears twice.");
    }
}
