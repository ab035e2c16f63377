using Platform.Decisions.Scoring;

namespace Platform.Decisions.Model;

/// <summary>
/// A decision to evaluate: the criteria with their weights, and the options to score on each. Scores run from 1
/// (worst) to 10 (best) on every criterion, so "complexity 9" means "very simple", as in the worked example.
/// </summary>
public sealed record Decision(string Title, IReadOnlyList<Criterion> Criteria, IReadOnlyList<Option> Options)
{
    /// <summary>Where the measured figures came from (the run, its date, the machine), cited in the reports.</summary>
    public string? FiguresSource { get; init; }
}

/// <summary>One criterion, its weight, and optionally how a measured figure becomes its score.</summary>
public sealed record Criterion(string Name, double Weight, Utility? Utility = null);

/// <summary>An option: the scores given by hand (each with its reason), and its measured figures by name.</summary>
public sealed record Option(string Name, IReadOnlyDictionary<string, GivenScore> Given, IReadOnlyDictionary<string, double> Figures);

/// <summary>A score decided by a person, with the reason a reader can check.</summary>
public sealed record GivenScore(double Score, string Reason);

/// <summary>A decision file that cannot be evaluated as written: the message says what and where.</summary>
public sealed class DecisionException(string message) : Exception(message);
