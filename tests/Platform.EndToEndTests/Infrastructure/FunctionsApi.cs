using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>The activator's functions as the gateway shows them (<c>GET /api/functions</c>), and their processes.</summary>
public sealed class FunctionsApi(HttpClient gateway)
{
    public async Task<int> InstancesAsync(string function)
    {
        var functions = await gateway.GetFromJsonAsync<JsonElement>("/api/functions");
        return functions.GetProperty("functions").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == function).GetProperty("instances").GetInt32();
    }

    /// <summary>Waits until the function has no instance, and no process of it started by the activator runs.</summary>
    public async Task AtZeroAsync(string function, TimeSpan within)
    {
        await Eventually.HoldsAsync(async () => await InstancesAsync(function) == 0, within, $"{function} at zero instances");
        await Eventually.HoldsAsync(() => Task.FromResult(!ProcessRuns(function)), TimeSpan.FromSeconds(15), $"no {function} process left");
    }

    /// <summary>
    /// A process of the function started by the activator, which names each instance in its environment (a test's own,
    /// started beside it, is never one).
    /// </summary>
    public static bool ProcessRuns(string function) => Processes(function).Count > 0;

    /// <summary>The function's instances started by the activator, as processes.</summary>
    public static IReadOnlyList<Process> Processes(string function) =>
        Instances(environment => environment.Contains($"service.instance.id={function}-", StringComparison.Ordinal));

    /// <summary>
    /// Every function instance started by an activator of the run whose broker is <paramref name="broker"/> (each run
    /// has its own port, and an instance inherits the activator's connection strings).
    /// </summary>
    public static IReadOnlyList<Process> InstancesOfRun(string broker) =>
        Instances(environment => environment.Contains("service.instance.id=", StringComparison.Ordinal) && environment.Contains(broker, StringComparison.Ordinal));

    private static List<Process> Instances(Func<string, bool> environment) =>
        [.. Process.GetProcessesByName("dotnet").Where(process =>
        {
            try
            {
                return environment(File.ReadAllText($"/proc/{process.Id}/environ"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        })];
}
