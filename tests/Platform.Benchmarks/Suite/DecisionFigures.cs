using System.Text.Json;

namespace Platform.Benchmarks.Suite;

/// <summary>
/// The figures a benchmark writes for <c>./decide.sh</c> (ADR 0052): <c>bench-results/&lt;name&gt;.json</c>, as
/// <c>{"source": the command, the run's time and the machine, "options": {option: {figure: value}}}</c>. A decision
/// file in docs/decisions cites a committed copy of it.
/// </summary>
public static class DecisionFigures
{
    public static async Task<string> WriteAsync(string name, string command, DateTimeOffset started, IReadOnlyDictionary<string, Dictionary<string, object>> options)
    {
        var file = Path.Combine("bench-results", $"{name}.json");
        Directory.CreateDirectory("bench-results");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
        {
            source = $"{command}, {started:yyyy-MM-dd HH:mm} UTC, {Machine.Describe()}",
            options,
        }, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"wrote {file}: the figures ./decide.sh reads");
        return file;
    }
}
