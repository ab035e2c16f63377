using System.Text.RegularExpressions;
using Platform.Deploy.Manifest;

namespace Platform.Deploy.Planning;

/// <summary>
/// Turns the AppHost's manifest into the workloads a cluster runs: each container (PostgreSQL, RabbitMQ, the SMTP
/// server) and each project (the services, the gateway) becomes one workload of the same name, with every environment
/// variable of the manifest, resolved; the dashboard, which Aspire runs itself, is added as the traces' destination.
/// </summary>
public static partial class DeploymentPlan
{
    public const string Dashboard = "dashboard";
    public const string DashboardTokenParameter = "dashboard-browser-token";
    public const string DashboardApiKeyParameter = "dashboard-api-key";

    /// <summary>The deployment's own secrets, which the AppHost does not declare since Aspire runs its dashboard itself.</summary>
    public static readonly IReadOnlyList<string> OwnParameters = [DashboardTokenParameter, DashboardApiKeyParameter];
    private const int DashboardPort = 18888;
    private const int OtlpPort = 18889;

    public static IReadOnlyList<Workload> Build(AspireManifest manifest, ManifestExpressions expressions, DeploymentOptions options)
    {
        var workloads = new List<Workload>();
        foreach (var resource in manifest.Resources.Values)
        {
            switch (resource.Type)
            {
                case ManifestResource.Container:
                    workloads.Add(Server(manifest, resource, expressions, options));
                    break;
                case ManifestResource.Project:
                    workloads.Add(Service(resource, expressions, options, PublicUrls(manifest, expressions)));
                    break;
                case ManifestResource.Parameter or "value.v0" or "annotated.string":
                    break; // resolved where they are used
                default:
                    throw new NotSupportedException(
                        $"{resource.Name} is a {resource.Type}, which a deployment cannot run: only containers and projects (Infrastructure__Mode=Containers)");
            }
        }
        workloads.Add(DashboardWorkload(expressions, options));
        return [.. workloads.OrderBy(workload => workload.Tier)];
    }

    private static Workload Server(AspireManifest manifest, ManifestResource resource, ManifestExpressions expressions, DeploymentOptions options)
    {
        var image = ImageName(resource.Image ?? throw new FormatException($"the container {resource.Name} has no image"));
        var ports = resource.Bindings.Select(binding => new WorkloadPort(binding.Name, binding.ListeningPort)).ToList();
        var environment = Resolve(resource, expressions);
        if (DatabasesOn(manifest, resource) is { Count: > 0 } databases)
            environment.Add(new("POSTGRES_DATABASES", string.Join(',', databases), false)); // the image creates them (deploy/images/postgres)
        var probe = ServerImages.ProbeOf(image, ports[0].Port);
        return new Workload(resource.Name, $"{options.ImagePrefix}/{image}:{options.Tag}", WorkloadTier.Infrastructure, ports, environment,
            [.. resource.VolumeTargets.Select((target, index) => new WorkloadVolume(index == 0 ? $"{resource.Name}-data" : $"{resource.Name}-data-{index}", target))],
            probe, probe, ServerImages.BudgetOf(image), ServerImages.VolumeGroupOf(image));
    }

    private static Workload Service(ManifestResource resource, ManifestExpressions expressions, DeploymentOptions options, IReadOnlySet<string> publicUrls)
    {
        var ports = resource.Bindings.Select(binding => new WorkloadPort(binding.Name, binding.ListeningPort,
            binding.External ? options.GatewayHostPort : null, Public: binding.External)).ToList();
        var (function, environment) = FunctionScaling.Read(Resolve(resource, expressions));
        // A service that names an external binding (the gateway's) means the address the outside world uses: a token's
        // issuer, the links in its mails. Inside the deployment that binding's URL is the pod's name, which no browser knows.
        if (options.PublicAddress is { } publicAddress)
            environment = [.. environment.Select(variable => publicUrls.Contains(variable.Value)
                ? variable with { Value = publicAddress.GetLeftPart(UriPartial.Authority) }
                : variable)];
        // What Aspire gives each service when it runs it: where to send telemetry, and the name to send it under.
        environment.Add(new("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://{Dashboard}:{OtlpPort}", false));
        environment.Add(new("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", false));
        environment.Add(new("OTEL_SERVICE_NAME", resource.Name, false));
        var http = ports.First(port => port.Name == "http").Port;
        return new Workload(resource.Name, $"{options.ImagePrefix}/{ServiceImage(resource)}:{options.Tag}", WorkloadTier.Service, ports,
            environment, [], new WorkloadProbe.Http("/health", http), new WorkloadProbe.Http("/alive", http), ServerImages.Service, Function: function);
    }

    /// <summary>
    /// The standalone Aspire dashboard: its UI behind a browser token, its telemetry API (what the deployment test
    /// reads) behind an API key, and the OTLP endpoint every service exports to.
    /// </summary>
    private static Workload DashboardWorkload(ManifestExpressions expressions, DeploymentOptions options) =>
        new(Dashboard, $"{options.ImagePrefix}/{Dashboard}:{options.Tag}", WorkloadTier.Infrastructure,
            [new("http", DashboardPort, options.DashboardHostPort, Public: true), new("otlp", OtlpPort)],
            [
                new("Dashboard__Frontend__BrowserToken", expressions.Parameter(DashboardTokenParameter), true),
                new("Dashboard__Api__Enabled", "true", false),
                new("Dashboard__Api__AuthMode", "ApiKey", false),
                new("Dashboard__Api__PrimaryApiKey", expressions.Parameter(DashboardApiKeyParameter), true),
            ],
            [], new WorkloadProbe.Http("/", DashboardPort), new WorkloadProbe.Http("/", DashboardPort), ServerImages.Service);

    /// <summary>The in-deployment URLs of the external bindings, as a reference to them resolves.</summary>
    private static HashSet<string> PublicUrls(AspireManifest manifest, ManifestExpressions expressions) =>
        [.. manifest.Resources.Values.SelectMany(resource => resource.Bindings.Where(binding => binding.External)
            .Select(binding => expressions.Resolve($"{{{resource.Name}.bindings.{binding.Name}.url}}").Text))];

    private static List<EnvironmentValue> Resolve(ManifestResource resource, ManifestExpressions expressions) =>
        [.. resource.Environment.Select(variable =>
        {
            var value = expressions.Resolve(variable.Value);
            return new EnvironmentValue(variable.Key, value.Text, value.Secret);
        })];

    /// <summary>The databases Aspire would create on this server: the value resources whose connection string extends its own.</summary>
    private static List<string> DatabasesOn(AspireManifest manifest, ManifestResource server) =>
        [.. manifest.Resources.Values
            .Select(resource => resource.ConnectionString ?? "")
            .Where(connection => connection.StartsWith($"{{{server.Name}.connectionString}};", StringComparison.Ordinal))
            .Select(connection => DatabaseName().Match(connection))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)];

    /// <summary>localhost/platform/postgres:dev → postgres: the image's own name, whatever registry and tag it had.</summary>
    private static string ImageName(string image) => image.Split('/')[^1].Split(':')[0];

    /// <summary>
    /// services/UserQuery/Platform.UserQuery.csproj → user-query, functions/RegisterUser/Platform.Functions.RegisterUser.csproj
    /// → register-user: the image build-images.sh publishes it as.
    /// </summary>
    public static string ServiceImage(ManifestResource project)
    {
        var name = Path.GetFileNameWithoutExtension(project.ProjectPath ?? throw new FormatException($"the project {project.Name} has no path"));
        foreach (var prefix in new[] { "Platform.", "Functions." })
            name = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
        return KebabBoundary().Replace(name, "-$1").ToLowerInvariant();
    }

    [GeneratedRegex(@";Database=([^;]+)")]
    private static partial Regex DatabaseName();

    [GeneratedRegex(@"(?<=[a-z0-9])([A-Z])")]
    private static partial Regex KebabBoundary();
}
