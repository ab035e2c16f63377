using Platform.Decisions.Model;

namespace Platform.Decisions.Tests;

/// <summary>Decisions the tests share: the worked example, built without its file, and where the repository's files are.</summary>
public static class Decisions
{
    public static readonly string[] Criteria = ["scalability", "performance", "reliability", "maintainability", "cost", "complexity"];
    public static readonly double[] Weights = [0.2, 0.2, 0.2, 0.15, 0.15, 0.1];

    /// <summary>The worked example's hand scores, in the criteria's order.</summary>
    public static readonly (string Name, double[] Scores)[] Example =
    [
        ("monolith", [6, 8, 7, 5, 9, 9]),
        ("microservices", [9, 7, 8, 7, 6, 4]),
        ("serverless", [10, 6, 8, 8, 8, 6]),
    ];

    public static Decision Given(IReadOnlyList<double> weights, IEnumerable<(string Name, double[] Scores)> options) =>
        new("test", [.. weights.Select((weight, k) => new Criterion(Criteria.Length > k ? Criteria[k] : $"c{k}", weight))],
            [.. options.Select(option => new Option(option.Name,
                option.Scores.Select((score, k) => (Criteria.Length > k ? Criteria[k] : $"c{k}", new GivenScore(score, "by hand"))).ToDictionary(),
                new Dictionary<string, double>()))]);

    /// <summary>A file of the repository: the tests run from their bin folder, inside it.</summary>
    public static string InRepository(string path)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Platform.sln")))
            folder = folder.Parent;
        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the tests"), path);
    }
}
