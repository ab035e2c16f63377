using System.Text.Json.Nodes;

namespace Platform.Deploy.Manifest;

/// <summary>
/// The AppHost's published manifest (`dotnet run --project AppHost -- --publisher manifest`): every resource, what
/// it runs, its bindings, volumes and environment, with references to other resources left as {expressions}.
/// </summary>
public sealed class AspireManifest
{
    private AspireManifest(IReadOnlyDictionary<string, ManifestResource> resources) => Resources = resources;

    public IReadOnlyDictionary<string, ManifestResource> Resources { get; }

    public static AspireManifest Parse(string json)
    {
        var root = JsonNode.Parse(json)?["resources"]?.AsObject()
                   ?? throw new FormatException("the manifest has no \"resources\" object");
        return new AspireManifest(root.ToDictionary(
            entry => entry.Key,
            entry => new ManifestResource(entry.Key, entry.Value?.AsObject() ?? throw new FormatException($"resource {entry.Key} is empty"))));
    }

    public ManifestResource this[string name] =>
        Resources.TryGetValue(name, out var resource) ? resource
        : throw new KeyNotFoundException($"the manifest names a resource '{name}' it does not have");
}
