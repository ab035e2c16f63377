using System.Text.Json.Nodes;

namespace Platform.Deploy.Manifest;

/// <summary>One resource of the manifest, with the fields the deployment reads.</summary>
public sealed record ManifestResource(string Name, JsonObject Json)
{
    public const string Container = "container.v0";
    public const string Project = "project.v0";
    public const string Parameter = "parameter.v0";

    public string Type => Text("type") ?? "";

    public string? Image => Text("image");

    /// <summary>A project's path, relative to the manifest: its file name names the service's image.</summary>
    public string? ProjectPath => Text("path");

    public string? ConnectionString => Text("connectionString");

    public string? Value => Text("value");

    public IReadOnlyDictionary<string, string> Environment =>
        Json["env"]?.AsObject().ToDictionary(entry => entry.Key, entry => entry.Value?.GetValue<string>() ?? "") ?? [];

    public IReadOnlyList<ManifestBinding> Bindings =>
        Json["bindings"]?.AsObject().Select(entry => new ManifestBinding(
            entry.Key,
            entry.Value?["scheme"]?.GetValue<string>() ?? "tcp",
            entry.Value?["targetPort"]?.GetValue<int>(),
            entry.Value?["external"]?.GetValue<bool>() ?? false)).ToList() ?? [];

    public IReadOnlyList<string> VolumeTargets =>
        Json["volumes"]?.AsArray().Select(volume => volume?["target"]?.GetValue<string>() ?? "").ToList() ?? [];

    /// <summary>Whether a parameter is a secret, and the shortest value it may be generated with.</summary>
    public bool IsSecret => Json["inputs"]?["value"]?["secret"]?.GetValue<bool>() ?? false;

    public int? GeneratedMinLength => Json["inputs"]?["value"]?["default"]?["generate"]?["minLength"]?.GetValue<int>();

    /// <summary>An annotated string's filter, such as "uri" (percent-encoding a password inside a URI).</summary>
    public string? Filter => Text("filter");

    private string? Text(string field) => Json[field]?.GetValue<string>();
}

/// <summary>An endpoint: its name, scheme, the port the process listens on, and whether it is published outside.</summary>
public sealed record ManifestBinding(string Name, string Scheme, int? TargetPort, bool External)
{
    /// <summary>The port every .NET service's image listens on (Directory.Build.targets) when its binding names none.</summary>
    public const int ServicePort = 8080;

    public int ListeningPort => TargetPort ?? ServicePort;
}
