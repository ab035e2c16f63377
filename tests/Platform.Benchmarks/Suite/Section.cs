namespace Platform.Benchmarks.Suite;

/// <summary>A table a scenario adds below the results: what it measured beside its rates (a breakdown, say).</summary>
public sealed record Section(string Title, string[] Headers, IReadOnlyList<string[]> Rows, string Note = "");
