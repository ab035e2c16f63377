using Platform.Decisions.Command;
using Platform.Decisions.Model;
using Platform.Decisions.Scoring;

namespace Platform.Decisions.Tests;

/// <summary>
/// Decision files as people write them: measured criteria with curves and figures from a figures file (cited), AHP
/// judgments with fractions, and mistakes refused with the place they are in.
/// </summary>
public sealed class DecisionFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("decisions-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Measured_criteria_read_their_figures_from_the_figures_file_and_cite_its_run()
    {
        File.WriteAllText(Path.Combine(folder, "figures.json"), """
            {"source": "./bench.sh shapes, 2026-12-06 21:00 UTC, 2 cores",
             "options": {"monolith": {"p99_ms": 40, "cpu_ms": 2, "memory_mb": 300},
                         "microservices": {"p99_ms": 130, "cpu_ms": 20, "memory_mb": 1500}}}
            """);
        var file = Read("""
            title: measured
            figures: figures.json
            criteria:
              - name: performance
                weight: 0.6
                utility: [{ figure: p99_ms, curve: linear, worst: 1000, best: 10 }]
              - name: cost
                weight: 0.4
                utility:
                  - { figure: cpu_ms, curve: log, worst: 100, best: 1, share: 0.7 }
                  - { figure: memory_mb, curve: points, points: [[4000, 1], [200, 10]], share: 0.3 }
            options:
              - { name: monolith }
              - name: microservices
                scores: { cost: { score: 3, reason: "five processes to pay for" } }
            """);
        Assert.Equal("./bench.sh shapes, 2026-12-06 21:00 UTC, 2 cores", file.Decision.FiguresSource);
        var evaluation = Evaluator.Evaluate(file.Decision);
        var monolith = evaluation.Ranking.Single(option => option.Name == "monolith");
        Assert.Equal(1 + 9 * (1000 - 40) / 990.0, monolith.Scores[0].Value, 9);
        Assert.Equal(0.7 * (1 + 9 * Math.Log(100 / 2.0) / Math.Log(100)) + 0.3 * (1 + 9 * (4000 - 300) / 3800.0), monolith.Scores[1].Value, 9);
        Assert.StartsWith("0.7×cpu_ms 2 → ", monolith.Scores[1].Basis);
        var given = evaluation.Ranking.Single(option => option.Name == "microservices").Scores[1];
        Assert.Equal((ScoreSource.Given, 3.0, "five processes to pay for"), (given.Source, given.Value, given.Basis));
    }

    [Fact]
    public void Weights_by_ahp_take_fractions_and_an_inconsistent_matrix_is_refused_with_its_ratio()
    {
        var consistent = Read("""
            title: ahp
            weights: { ahp: [[a, b, 3], [a, c, 5], [c, b, 1/3]] }
            criteria: [{ name: a }, { name: b }, { name: c }]
            options: [{ name: x, reason: r, scores: { a: 1, b: 2, c: 3 } }]
            """);
        Assert.Equal(0.637, consistent.Decision.Criteria[0].Weight, 3);
        Assert.NotNull(consistent.Ahp);
        var refused = Assert.Throws<DecisionException>(() => Read("""
            title: ahp
            weights: { ahp: [[a, b, 9], [b, c, 9], [c, a, 9]] }
            criteria: [{ name: a }, { name: b }, { name: c }]
            options: [{ name: x, reason: r, scores: { a: 1, b: 2, c: 3 } }]
            """));
        Assert.Contains("consistency ratio 6.130 > 0.10", refused.Message);
    }

    [Theory]
    [InlineData("title: t\ncriteria: [{ name: a, weight: 1 }]\noptions: [{ name: x, scores: { a: 5 } }]", "x's score for a has no reason")]
    [InlineData("title: t\ncriteria: [{ name: a, weight: 1 }]\noptions: [{ name: x, reason: r, scores: { a: five } }]", "is 'five', not a number")]
    [InlineData("title: t\ncriteria: [{ name: a }]\noptions: [{ name: x, reason: r, scores: { a: 5 } }]", "a has no weight")]
    [InlineData("title: t\ncriteria: [{ name: a, weight: 1, utility: [{ figure: f, curve: cubic }] }]\noptions: [{ name: x }]", "curve is 'cubic'")]
    [InlineData("title: t\ncriteria: [{ name: a, weight: 1 }\noptions: []", "line ")]
    [InlineData("title: t\nfigures: nowhere.json\ncriteria: [{ name: a, weight: 1 }]\noptions: []", "has not been run")]
    public void Mistakes_are_refused_saying_where(string yaml, string because) =>
        Assert.Contains(because, Assert.Throws<DecisionException>(() => Read(yaml)).Message);

    private DecisionFile Read(string yaml)
    {
        var path = Path.Combine(folder, "decision.yaml");
        File.WriteAllText(path, yaml);
        return DecisionFile.Read(path);
    }
}
