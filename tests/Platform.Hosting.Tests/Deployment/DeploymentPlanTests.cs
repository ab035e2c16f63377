using k8s.Models;
using Platform.Deploy;
using Platform.Deploy.Manifest;
using Platform.Deploy.Planning;
using Platform.Deploy.Rendering;

namespace Platform.Hosting.Tests.Deployment;

public sealed class DeploymentPlanTests
{
    private static readonly IReadOnlyList<Workload> Workloads =
        DeployCommand.Plan(SampleManifest.Parse(), SampleManifest.Parameters, new DeploymentOptions(GatewayHostPort: 8000, DashboardHostPort: 18000));

    [Fact]
    public void Every_container_and_project_becomes_a_workload_of_its_name_with_the_dashboard_after_the_servers()
    {
        Assert.Equal(["postgres", "dashboard", "user-command", "gateway"], Workloads.Select(workload => workload.Name));
        Assert.Equal("localhost/platform/user-command:dev", Workloads.Single(workload => workload.Name == "user-command").Image);
    }

    [Fact]
    public void Every_environment_variable_of_the_manifest_is_kept_and_the_services_export_telemetry_to_the_dashboard()
    {
        var service = Workloads.Single(workload => workload.Name == "user-command");
        Assert.Equal(
            ["HTTP_PORTS", "ConnectionStrings__usercommand-db", "USERCOMMAND_DB_URI", "Identity__PublicAddress", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SERVICE_NAME"],
            service.Environment.Select(variable => variable.Name));
        Assert.Contains(new EnvironmentValue("OTEL_EXPORTER_OTLP_ENDPOINT", "http://dashboard:18889", false), service.Environment);
    }

    [Fact]
    public void A_reference_to_the_gateway_s_external_binding_is_the_public_address_when_it_is_known()
    {
        EnvironmentValue PublicAddress(DeploymentOptions options) =>
            DeployCommand.Plan(SampleManifest.Parse(), SampleManifest.Parameters, options)
                .Single(workload => workload.Name == "user-command").Environment.Single(variable => variable.Name == "Identity__PublicAddress");

        Assert.Equal("http://localhost:8000", PublicAddress(new DeploymentOptions(GatewayHostPort: 8000, PublicAddress: new Uri("http://localhost:8000"))).Value);
        Assert.Equal("https://platform.example.com", PublicAddress(new DeploymentOptions(PublicAddress: new Uri("https://platform.example.com/"))).Value);
        Assert.Equal("http://gateway:8080", PublicAddress(new DeploymentOptions()).Value); // a cluster's own address is not known here
        Assert.Equal("http://user-command:8080", Workloads.Single(workload => workload.Name == "gateway").Environment
            .Single(variable => variable.Name == "services__user-command__http__0").Value); // an internal binding stays internal
    }

    [Fact]
    public void PostgreSQL_is_told_to_create_the_databases_Aspire_would_have_created()
    {
        var postgres = Workloads.Single(workload => workload.Name == "postgres");
        Assert.Contains(new EnvironmentValue("POSTGRES_DATABASES", "usercommand", false), postgres.Environment);
        Assert.Equal([new WorkloadVolume("postgres-data", "/var/lib/postgresql/data")], postgres.Volumes);
    }

    [Fact]
    public void On_a_cluster_secrets_come_from_the_Secret_and_servers_with_data_are_stateful_sets()
    {
        var documents = KubernetesManifests.Render(Workloads).ToList();
        var config = documents.OfType<V1ConfigMap>().Single(map => map.Metadata.Name == "user-command-env");
        Assert.Equal("8080", config.Data["HTTP_PORTS"]);
        Assert.False(config.Data.ContainsKey("ConnectionStrings__usercommand-db"));
        var container = documents.OfType<V1Deployment>().Single(deployment => deployment.Metadata.Name == "user-command").Spec.Template.Spec.Containers.Single();
        var secret = container.Env.Single(variable => variable.Name == "ConnectionStrings__usercommand-db").ValueFrom.SecretKeyRef;
        Assert.Equal(("platform-secrets", "user-command.ConnectionStrings__usercommand-db"), (secret.Name, secret.Key));
        Assert.Equal(("/health", "/alive"), (container.ReadinessProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Path));

        var postgres = Assert.Single(documents.OfType<V1StatefulSet>());
        Assert.Equal("postgres-data", Assert.Single(postgres.Spec.VolumeClaimTemplates).Metadata.Name);
        Assert.Equal(999, postgres.Spec.Template.Spec.SecurityContext.FsGroup);
        Assert.Equal(["postgres", "dashboard", "user-command", "gateway"], documents.OfType<V1Service>().Select(service => service.Metadata.Name));
    }

    [Fact]
    public void Under_podman_each_workload_is_a_pod_of_its_name_and_only_the_gateway_and_the_dashboard_are_published()
    {
        var documents = PodmanPods.Render(Workloads, "platform-test").ToList();
        Assert.All(documents, document => Assert.True(document is V1Pod or V1ConfigMap, document.GetType().Name));
        var pods = documents.OfType<V1Pod>().ToDictionary(pod => pod.Metadata.Name);
        Assert.Equal(["postgres", "dashboard", "user-command", "gateway"], pods.Keys);
        Assert.All(pods.Values, pod => Assert.Equal("Always", pod.Spec.RestartPolicy));
        Assert.Equal(8000, Assert.Single(pods["gateway"].Spec.Containers.Single().Ports).HostPort);
        Assert.Equal(18000, Assert.Single(pods["dashboard"].Spec.Containers.Single().Ports).HostPort);
        Assert.Null(pods["postgres"].Spec.Containers.Single().Ports); // podman 4.3 would publish it on the host
        Assert.Equal("platform-test-postgres-data", pods["postgres"].Spec.Volumes.Single().PersistentVolumeClaim.ClaimName);
        Assert.Equal("platform-test-secrets", pods["user-command"].Spec.Containers.Single().Env.First().ValueFrom.SecretKeyRef.Name);
    }

    [Fact]
    public void A_resource_a_deployment_cannot_run_is_refused_by_name()
    {
        var manifest = AspireManifest.Parse("""{ "resources": { "mail": { "type": "executable.v0", "command": "/bin/bash" } } }""");
        var error = Assert.Throws<NotSupportedException>(() => DeployCommand.Plan(manifest, SampleManifest.Parameters, new DeploymentOptions()));
        Assert.Contains("mail is a executable.v0", error.Message);
    }
}
