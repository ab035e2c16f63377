using System.Text.Json.Serialization;

namespace Platform.Decisions.Model;

/// <summary>The matrix evaluated: each option's scores and weighted total, best first.</summary>
public sealed record Evaluation(string Title, IReadOnlyList<Criterion> Criteria, IReadOnlyList<RankedOption> Ranking)
{
    public string? FiguresSource { get; init; }

    /// <summary>The criteria's weights, in their order.</summary>
    [JsonIgnore]
    public double[] Weights => [.. Criteria.Select(criterion => criterion.Weight)];

    /// <summary>Each option's scores in the criteria's order, in the ranking's order.</summary>
    [JsonIgnore]
    public double[][] Scores => [.. Ranking.Select(option => option.Scores.Select(score => score.Value).ToArray())];
}

/// <summary>An option's place: 1 is the best total.</summary>
public sealed record RankedOption(string Name, int Rank, double Total, IReadOnlyList<CriterionScore> Scores);

/// <summary>One cell of the matrix: the score, and where it came from (a person's reason, or a figure through a curve).</summary>
public sealed record CriterionScore(string Criterion, double Value, ScoreSource Source, string Basis);

[JsonConverter(typeof(JsonStringEnumConverter<ScoreSource>))]
public enum ScoreSource
{
    Given,
    Measured,
}
