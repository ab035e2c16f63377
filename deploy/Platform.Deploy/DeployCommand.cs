using Platform.Deploy.Manifest;
using Platform.Deploy.Planning;
using Platform.Deploy.Rendering;

namespace Platform.Deploy;

/// <summary>The command line of Program.cs: which rendering, from which manifest, to where.</summary>
public static class DeployCommand
{
    public static int Run(string[] args)
    {
        if (args.Length == 0)
            throw new ArgumentException("say kubernetes, secret or podman");
        var options = Options(args[1..]);
        var manifest = AspireManifest.Parse(File.ReadAllText(Required(options, "manifest")));
        var deployment = new DeploymentOptions(
            options.GetValueOrDefault("image-prefix", "localhost/platform"),
            options.GetValueOrDefault("tag", "dev"),
            Port(options, "gateway-port"),
            Port(options, "dashboard-port"),
            PublicAddress(options));
        var name = options.GetValueOrDefault("name", "platform");
        switch (args[0])
        {
            case "kubernetes":
                var workloads = Plan(manifest, PlaceholderParameters(manifest), deployment);
                File.WriteAllText(Required(options, "out"), Rendered.Header + KubernetesManifests.ToYaml(KubernetesManifests.Render(workloads)));
                if (options.TryGetValue("serverless", out var serverless)) // the functions on Knative and KEDA: an overlay of the file above
                {
                    Directory.CreateDirectory(serverless);
                    File.WriteAllText(Path.Combine(serverless, ServerlessManifests.FunctionsFile), Rendered.Serverless(workloads));
                    File.WriteAllText(Path.Combine(serverless, "kustomization.yaml"), ServerlessManifests.Kustomization(workloads));
                }
                return 0;
            case "secret":
                Console.Write(KubernetesManifests.ToYaml([KubernetesManifests.Secret(Plan(manifest, Parameters(manifest, options), deployment))]));
                return 0;
            case "podman":
                var pods = Plan(manifest, Parameters(manifest, options), deployment);
                var output = Directory.CreateDirectory(Required(options, "out")).FullName;
                File.WriteAllText(Path.Combine(output, "platform.yaml"), KubernetesManifests.ToYaml(PodmanPods.Render(pods, name)));
                File.WriteAllText(Path.Combine(output, "secret.json"), PodmanPods.Secret(pods));
                File.WriteAllText(Path.Combine(output, "readiness.tsv"), PodmanPods.ReadinessChecks(pods));
                return 0;
            default:
                throw new ArgumentException($"unknown command '{args[0]}': say kubernetes, secret or podman");
        }
    }

    public static IReadOnlyList<Workload> Plan(AspireManifest manifest, IReadOnlyDictionary<string, string> parameters, DeploymentOptions options) =>
        DeploymentPlan.Build(manifest, new ManifestExpressions(manifest, parameters), options);

    /// <summary>The manifests name secrets without their values: any value does for rendering them.</summary>
    public static Dictionary<string, string> PlaceholderParameters(AspireManifest manifest) =>
        manifest.Resources.Values.Where(resource => resource.Type == ManifestResource.Parameter)
            .Select(parameter => parameter.Name).Concat(DeploymentPlan.OwnParameters)
            .ToDictionary(name => name, _ => "");

    private static Dictionary<string, string> Parameters(AspireManifest manifest, Dictionary<string, string> options) =>
        DeploymentParameters.LoadOrGenerate(manifest, Required(options, "parameters"));

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var index = 0; index < args.Length; index += 2)
        {
            if (!args[index].StartsWith("--", StringComparison.Ordinal) || index + 1 >= args.Length)
                throw new ArgumentException($"expected --name value, found '{args[index]}'");
            options[args[index][2..]] = args[index + 1];
        }
        return options;
    }

    /// <summary>--public-address, or under podman the gateway's host port on this machine; none for a cluster unless given.</summary>
    private static Uri? PublicAddress(Dictionary<string, string> options) =>
        options.TryGetValue("public-address", out var address) ? new Uri(address)
        : Port(options, "gateway-port") is { } port ? new Uri($"http://localhost:{port}")
        : null;

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    private static int? Port(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
