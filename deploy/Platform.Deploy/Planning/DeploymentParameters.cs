using System.Security.Cryptography;
using System.Text.Json;
using Platform.Deploy.Manifest;

namespace Platform.Deploy.Planning;

/// <summary>
/// The values of the manifest's parameters (the passwords of PostgreSQL and RabbitMQ, the admin signing key) and of
/// the deployment's own (the dashboard's browser token). They are generated on the first deployment and kept in a
/// file of this machine, never in the repository: the data volumes outlive a deployment, and keep the passwords
/// they were made with.
/// </summary>
public static class DeploymentParameters
{
    private const int GeneratedLength = 32;

    public static Dictionary<string, string> LoadOrGenerate(AspireManifest manifest, string file)
    {
        var values = File.Exists(file)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? []
            : [];
        var wanted = manifest.Resources.Values
            .Where(resource => resource.Type == ManifestResource.Parameter)
            .Select(parameter => (parameter.Name, Length: Math.Max(GeneratedLength, parameter.GeneratedMinLength
                ?? throw new InvalidOperationException($"the parameter '{parameter.Name}' has no generated default: give it a value in {file}"))))
            .Concat(DeploymentPlan.OwnParameters.Select(name => (Name: name, Length: GeneratedLength)));
        var changed = false;
        foreach (var (name, length) in wanted)
        {
            if (values.ContainsKey(name))
                continue;
            values[name] = Generate(length);
            changed = true;
        }
        if (changed)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            File.WriteAllText(file, JsonSerializer.Serialize(values, new JsonSerializerOptions { WriteIndented = true }));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return values;
    }

    /// <summary>Letters and digits only: the values go into connection strings and URIs, which need no escaping then.</summary>
    private static string Generate(int length) =>
        RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);
}
