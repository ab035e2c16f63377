namespace Platform.Decisions.Scoring;

/// <summary>
/// How measured figures become one criterion's score, as CBAM's utility curves do: each term maps one figure through
/// its curve, and the score is the terms' sum weighted by their shares (which sum to 1). Cost, for instance, can be
/// 0.7 of CPU milliseconds per request and 0.3 of memory.
/// </summary>
public sealed record Utility(IReadOnlyList<UtilityTerm> Terms)
{
    public double Score(Func<string, double> figure) => Terms.Sum(term => term.Share * term.Curve.Score(figure(term.Figure)));

    public string Describe(Func<string, double> figure) =>
        string.Join(" + ", Terms.Select(term => (Terms.Count > 1 ? $"{term.Share:0.##}×" : "") + term.Curve.Describe(term.Figure, figure(term.Figure))));
}

/// <summary>One measured figure, its curve, and its share of the criterion's score.</summary>
public sealed record UtilityTerm(string Figure, UtilityCurve Curve, double Share = 1);
