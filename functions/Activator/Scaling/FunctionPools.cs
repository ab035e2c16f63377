using Microsoft.Extensions.Options;

namespace Platform.Functions.Activator.Scaling;

/// <summary>Every configured function's pool of instances, by name.</summary>
public sealed class FunctionPools(IOptions<Dictionary<string, FunctionOptions>> functions, IServiceProvider services)
{
    private readonly Lazy<Dictionary<string, FunctionPool>> pools = new(() => functions.Value.ToDictionary(
        function => function.Key,
        function => ActivatorUtilities.CreateInstance<FunctionPool>(services, function.Key, function.Value),
        StringComparer.OrdinalIgnoreCase));

    public IEnumerable<FunctionPool> All => pools.Value.Values;

    public FunctionPool? Find(string name) => pools.Value.GetValueOrDefault(name);
}
