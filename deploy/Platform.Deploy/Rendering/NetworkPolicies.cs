using System.Text.RegularExpressions;
using k8s.Models;
using Platform.Deploy.Planning;

namespace Platform.Deploy.Rendering;

/// <summary>
/// Who may open a connection to whom, on a cluster: every pod of the Platform takes traffic only from the workloads
/// whose configuration names it (a service's address, a connection string's host), and a port published to the
/// outside (the gateway's, the dashboard's UI) from anyone. So the services are reached from the gateway and from the
/// services that call them, the servers only from the services, and nothing else reaches anything. A default policy
/// refuses the rest. podman kube play ignores NetworkPolicy objects: they bind on a cluster only (README).
/// </summary>
public static partial class NetworkPolicies
{
    public const string DenyAll = "platform-default-deny-ingress";

    public static IEnumerable<V1NetworkPolicy> Render(IReadOnlyList<Workload> workloads) =>
        [DefaultDeny(), .. workloads.Select(workload => Ingress(workload, Callers(workload, workloads)))];

    /// <summary>The workloads whose configuration names <paramref name="target"/> as a host: those that connect to it.</summary>
    public static IReadOnlyList<Workload> Callers(Workload target, IEnumerable<Workload> workloads)
    {
        // In host position: after "//" or "@" (a URL), or "Host=" (a connection string); before a port, ';' or '/'.
        var host = new Regex($@"(?<=//|@|Host=){Regex.Escape(target.Name)}(?=[:;/]|$)");
        return [.. workloads.Where(caller => caller.Name != target.Name && caller.Environment.Any(variable => host.IsMatch(variable.Value)))];
    }

    private static V1NetworkPolicy DefaultDeny() => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = DenyAll, Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = PodTemplates.PartOf } },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = PodTemplates.PartOf } },
            PolicyTypes = ["Ingress"],
        },
    };

    private static V1NetworkPolicy Ingress(Workload workload, IReadOnlyList<Workload> callers)
    {
        var rules = new List<V1NetworkPolicyIngressRule>();
        var published = workload.Ports.Where(port => port.Public).ToList();
        if (published.Count > 0)
            rules.Add(new V1NetworkPolicyIngressRule { Ports = [.. published.Select(Port)] }); // from anyone
        var inner = workload.Ports.Where(port => !port.Public).ToList();
        if (callers.Count > 0 && inner.Count > 0) // an empty port list would mean every port
            rules.Add(new V1NetworkPolicyIngressRule
            {
                FromProperty = [.. callers.Select(caller => new V1NetworkPolicyPeer
                {
                    PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = caller.Name } },
                })],
                Ports = [.. inner.Select(Port)],
            });
        return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = PodTemplates.Metadata($"{workload.Name}-ingress", workload),
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = workload.Name } },
                PolicyTypes = ["Ingress"],
                Ingress = rules,
            },
        };
    }

    private static V1NetworkPolicyPort Port(WorkloadPort port) => new() { Protocol = "TCP", Port = port.Port };
}
