using System.Text;
using System.Text.Json;
using k8s.Models;
using Platform.Deploy.Planning;

namespace Platform.Deploy.Rendering;

/// <summary>
/// The same workloads for `podman kube play` (podman 4.3, ADR 0029), which differs from a cluster in four ways:
/// it runs no StatefulSet and names a Deployment's pod NAME-pod-0, while others find a pod by its name alone, so each
/// workload is a Pod of its own name; it serves no Service, so the gateway and the dashboard are published with
/// hostPort; it publishes every containerPort on the host as well, so only those two are declared (pods reach each
/// other on any port); and a volume claim is a named podman volume, which outlives the pods. The volumes and the
/// Secret carry the deployment's name, so that a second deployment on the machine (the deployment test's) never
/// touches the first one's data; the pods cannot, since others find them by name.
/// </summary>
public static class PodmanPods
{
    public static string SecretName(string deployment) => $"{deployment}-secrets";

    public static IEnumerable<object> Render(IEnumerable<Workload> workloads, string deployment) =>
        workloads.SelectMany(workload => new object[] { PodTemplates.ConfigMap(workload), Pod(workload, deployment) });

    /// <summary>The Secret as `podman secret create` takes it for kube play: a JSON object of base64 values.</summary>
    public static string Secret(IEnumerable<Workload> workloads) =>
        JsonSerializer.Serialize(KubernetesManifests.SecretValues(workloads)
            .ToDictionary(secret => secret.Key, secret => Convert.ToBase64String(Encoding.UTF8.GetBytes(secret.Value))));

    /// <summary>
    /// One line per pod for ./deploy.sh, which waits until each is ready: the pod, its container as podman names it,
    /// and its readiness probe as a command to run in it. Podman runs no readiness probe itself, and runs health checks
    /// only through systemd timers, which a container host may not have.
    /// </summary>
    public static string ReadinessChecks(IEnumerable<Workload> workloads) =>
        string.Concat(workloads.Select(workload => string.Join('\t',
            [workload.Name, $"{workload.Name}-{workload.Name}", .. Command(workload.Readiness)]) + "\n"));

    private static IEnumerable<string> Command(WorkloadProbe probe) => probe switch
    {
        WorkloadProbe.Http http => ["curl", "-fsS", "-o", "/dev/null", "--max-time", "3", $"http://127.0.0.1:{http.Port}{http.Path}"],
        WorkloadProbe.Exec exec => exec.Command,
        _ => throw new NotSupportedException(probe.GetType().Name),
    };

    private static V1Pod Pod(Workload workload, string deployment)
    {
        var spec = PodTemplates.Spec(workload, SecretName(deployment), workload.Volumes.Count == 0 ? null
            : [.. workload.Volumes.Select(volume => new V1Volume
            {
                Name = volume.Name,
                PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = $"{deployment}-{volume.Name}" },
            })]);
        spec.RestartPolicy = "Always";
        var container = spec.Containers.Single();
        // Podman would turn the liveness probe into a health check run by systemd timers, which a container host may
        // not have (this one has none), and 4.3 acts on no failure: a crashed process is what its restart policy catches.
        container.LivenessProbe = null;
        container.Ports = container.Ports.Where(port => port.HostPort is not null).ToList() is { Count: > 0 } published ? published : null;
        return new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = PodTemplates.Metadata(workload.Name, workload), Spec = spec };
    }
}
