using k8s;
using k8s.Models;
using Platform.Deploy.Planning;

namespace Platform.Deploy.Rendering;

/// <summary>
/// The manifests for a real cluster (deploy/kubernetes/platform.yaml): per workload a ConfigMap, a Service of its
/// name, and a Deployment, or a StatefulSet with a volume claim for each volume when it keeps data; then the
/// NetworkPolicies that let each workload be reached only by those that call it (<see cref="NetworkPolicies"/>).
/// </summary>
public static class KubernetesManifests
{
    public static IEnumerable<object> Render(IReadOnlyList<Workload> workloads) =>
    [
        .. workloads.SelectMany(workload => new object[] { PodTemplates.ConfigMap(workload), Service(workload), Controller(workload) }),
        .. NetworkPolicies.Render(workloads),
    ];

    public static string ToYaml(IEnumerable<object> documents) =>
        string.Join("---\n", documents.Select(document => KubernetesYaml.Serialize(document).TrimEnd() + "\n"));

    /// <summary>The deployment's Secret, for `kubectl apply -f -`: printed, never written to the repository.</summary>
    public static V1Secret Secret(IEnumerable<Workload> workloads) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = PodTemplates.SecretName },
        StringData = SecretValues(workloads),
    };

    public static Dictionary<string, string> SecretValues(IEnumerable<Workload> workloads) =>
        workloads.SelectMany(workload => workload.Environment.Where(variable => variable.Secret)
                .Select(variable => (Key: PodTemplates.SecretKey(workload, variable), variable.Value)))
            .ToDictionary(secret => secret.Key, secret => secret.Value);

    private static V1Service Service(Workload workload) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = PodTemplates.Metadata(workload.Name, workload),
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app.kubernetes.io/name"] = workload.Name },
            Ports = [.. workload.Ports.Select(port => new V1ServicePort { Name = port.Name, Port = port.Port, TargetPort = port.Port })],
        },
    };

    private static object Controller(Workload workload)
    {
        var selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = workload.Name } };
        var template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = PodTemplates.Labels(workload) }, Spec = PodTemplates.Spec(workload) };
        if (!workload.Stateful)
            return new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = PodTemplates.Metadata(workload.Name, workload),
                Spec = new V1DeploymentSpec { Replicas = 1, Selector = selector, Template = template },
            };
        return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = PodTemplates.Metadata(workload.Name, workload),
            Spec = new V1StatefulSetSpec
            {
                Replicas = 1,
                ServiceName = workload.Name,
                Selector = selector,
                Template = template,
                VolumeClaimTemplates = [.. workload.Volumes.Select(volume => new V1PersistentVolumeClaim
                {
                    Metadata = new V1ObjectMeta { Name = volume.Name },
                    Spec = new V1PersistentVolumeClaimSpec
                    {
                        AccessModes = ["ReadWriteOnce"],
                        Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("5Gi") } },
                    },
                })],
            },
        };
    }
}
