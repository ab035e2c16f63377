using Microsoft.Extensions.Options;

namespace Platform.Gateway.Topology;

/// <summary>The functions and their instances, zero included, from the activator (<c>GET /api/functions</c>), for the topology page.</summary>
public sealed class ActivatorFunctions(HttpClient http, IOptions<TopologyOptions> options)
{
    public async Task<FunctionsSection> ReadAsync(CancellationToken ct)
    {
        if (options.Value.Functions is not { Length: > 0 } activator)
            return new FunctionsSection(null, true, null, []);
        var (functions, problem) = await http.ReadSourceAsync<FunctionsJson>(activator, "/api/functions", options.Value.SourceTimeout, ct);
        return new FunctionsSection(activator, functions is not null, problem, functions?.Functions ?? []);
    }

    private sealed record FunctionsJson(IReadOnlyList<FunctionNode> Functions);
}

/// <param name="Activator">The service that runs the functions' instances, if any (none in a deployment).</param>
public sealed record FunctionsSection(string? Activator, bool Available, string? Problem, IReadOnlyList<FunctionNode> Functions);

/// <param name="Trigger">"http", scaled by requests in flight against <paramref name="TargetConcurrency"/>; "queue", by <paramref name="Queue"/>'s depth against <paramref name="QueueLength"/>.</param>
public sealed record FunctionNode(string Name, string Trigger, string? Queue, int Instances, int InFlight, int TargetConcurrency, int QueueLength,
    double ScaleToZeroGraceSeconds, int MaxInstances);
