using k8s.Models;
using Platform.Deploy;
using Platform.Deploy.Planning;
using Platform.Deploy.Rendering;

namespace Platform.Hosting.Tests.Deployment;

/// <summary>
/// The rendered NetworkPolicies (issue 21, point 7): the services are reached only from the gateway (and the services
/// that call them), the servers only from the services, and only the published ports from outside.
/// </summary>
public sealed class NetworkPolicyTests
{
    private static readonly IReadOnlyList<Workload> Workloads =
        DeployCommand.Plan(SampleManifest.Parse(), SampleManifest.Parameters, new DeploymentOptions(GatewayHostPort: 8000, DashboardHostPort: 18000));

    private static readonly IReadOnlyList<V1NetworkPolicy> Policies = [.. KubernetesManifests.Render(Workloads).OfType<V1NetworkPolicy>()];

    [Fact]
    public void Every_pod_of_the_platform_refuses_what_no_policy_lets_in()
    {
        var deny = Policies.Single(policy => policy.Metadata.Name == NetworkPolicies.DenyAll);
        Assert.Equal(PodTemplates.PartOf, deny.Spec.PodSelector.MatchLabels["app.kubernetes.io/part-of"]);
        Assert.Equal(["Ingress"], deny.Spec.PolicyTypes);
        Assert.Null(deny.Spec.Ingress);
        Assert.Equal(Workloads.Select(workload => $"{workload.Name}-ingress").Order(), Policies.Select(policy => policy.Metadata.Name).Where(name => name != NetworkPolicies.DenyAll).Order());
    }

    [Fact]
    public void A_service_is_reached_only_from_the_gateway_on_its_port() =>
        Assert.Equal([("gateway", "8080")], From("user-command"));

    [Fact]
    public void The_database_server_is_reached_only_from_the_services_that_hold_its_connection_string() =>
        Assert.Equal([("user-command", "5432")], From("postgres"));

    [Fact]
    public void The_gateway_takes_anyone_on_its_published_port_and_nothing_else()
    {
        var rule = Assert.Single(Policy("gateway").Spec.Ingress);
        Assert.Null(rule.FromProperty); // from anyone
        Assert.Equal(["8080"], rule.Ports.Select(port => port.Port.Value));
    }

    [Fact]
    public void The_dashboard_takes_anyone_on_its_ui_and_telemetry_only_from_the_services()
    {
        var rules = Policy("dashboard").Spec.Ingress;
        Assert.Equal(["18888"], rules.Single(rule => rule.FromProperty is null).Ports.Select(port => port.Port.Value));
        Assert.Equal([("gateway", "18889"), ("user-command", "18889")], From("dashboard"));
    }

    /// <summary>The (caller, port) pairs a workload's policy lets in from named pods.</summary>
    private static IReadOnlyList<(string, string)> From(string workload) =>
    [
        .. Policy(workload).Spec.Ingress.Where(rule => rule.FromProperty is not null)
            .SelectMany(rule => rule.FromProperty.SelectMany(peer => rule.Ports.Select(port => (peer.PodSelector.MatchLabels["app.kubernetes.io/name"], port.Port.Value))))
            .Order(),
    ];

    private static V1NetworkPolicy Policy(string workload) => Policies.Single(policy => policy.Metadata.Name == $"{workload}-ingress");
}
