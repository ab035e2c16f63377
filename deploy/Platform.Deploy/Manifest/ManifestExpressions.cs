using System.Text.RegularExpressions;

namespace Platform.Deploy.Manifest;

/// <summary>
/// Resolves the manifest's {resource.path} expressions as one cluster sees them: every resource is reached by its own
/// name (a Service on Kubernetes, a pod's name under podman) on the port its process listens on, and a parameter has
/// the value the deployment was given. A value that uses a secret parameter is itself a secret.
/// </summary>
public sealed partial class ManifestExpressions(AspireManifest manifest, IReadOnlyDictionary<string, string> parameters)
{
    public ResolvedValue Resolve(string text)
    {
        var secret = false;
        var resolved = Placeholder().Replace(text, match =>
        {
            var value = ResolveReference(match.Groups[1].Value);
            secret |= value.Secret;
            return value.Text;
        });
        return new ResolvedValue(resolved, secret);
    }

    /// <summary>A parameter of the deployment itself, which the AppHost does not declare (the dashboard's browser token).</summary>
    public string Parameter(string name) =>
        parameters.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"the deployment has no value for the parameter '{name}'");

    private ResolvedValue ResolveReference(string reference)
    {
        var path = reference.Split('.');
        var resource = manifest[path[0]];
        return path[1..] switch
        {
            ["connectionString"] => Resolve(resource.ConnectionString ?? throw Unresolvable(reference, "it has no connection string")),
            ["value"] or ["inputs", "value"] when resource.Type == ManifestResource.Parameter => ParameterValue(resource),
            ["value"] => Filtered(resource, Resolve(resource.Value ?? throw Unresolvable(reference, "it has no value"))),
            ["bindings", var name, var property] => BindingProperty(resource, name, property, reference),
            _ => throw Unresolvable(reference, "this deployment does not know that expression"),
        };
    }

    private static ResolvedValue BindingProperty(ManifestResource resource, string name, string property, string reference)
    {
        var binding = resource.Bindings.SingleOrDefault(candidate => candidate.Name == name)
                      ?? throw Unresolvable(reference, $"{resource.Name} has no binding '{name}'");
        var port = binding.ListeningPort;
        return property switch
        {
            "host" => new(resource.Name, false),
            "port" or "targetPort" => new(port.ToString(), false),
            "url" => new($"{binding.Scheme}://{resource.Name}:{port}", false),
            _ => throw Unresolvable(reference, $"a binding has no '{property}'"),
        };
    }

    private ResolvedValue ParameterValue(ManifestResource parameter) =>
        parameters.TryGetValue(parameter.Name, out var value)
            ? new(value, parameter.IsSecret)
            : throw new KeyNotFoundException($"the deployment has no value for the parameter '{parameter.Name}'");

    private static ResolvedValue Filtered(ManifestResource resource, ResolvedValue value) => resource.Filter switch
    {
        null => value,
        "uri" => value with { Text = Uri.EscapeDataString(value.Text) },
        var filter => throw Unresolvable(resource.Name, $"the filter '{filter}' is unknown"),
    };

    private static FormatException Unresolvable(string reference, string why) => new($"cannot resolve {{{reference}}}: {why}");

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>A resolved value, and whether it must go into a Secret rather than a ConfigMap.</summary>
public sealed record ResolvedValue(string Text, bool Secret);
