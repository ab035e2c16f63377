using k8s.Models;
using Platform.Deploy.Planning;

namespace Platform.Deploy.Rendering;

/// <summary>
/// The pod every workload runs in, the same on a cluster and under podman: one container with its ports, its plain
/// configuration from the workload's ConfigMap, its secrets from the deployment's Secret, its probes and its budget.
/// </summary>
public static class PodTemplates
{
    /// <summary>The Secret every workload reads its secrets from, on a cluster; podman's carries the deployment's name.</summary>
    public const string SecretName = "platform-secrets";
    public const string PartOf = "platform";

    public static string ConfigMapName(Workload workload) => $"{workload.Name}-env";

    /// <summary>Kubernetes keys allow letters, digits, '-', '_' and '.': the workload's name, a dot, the variable's name.</summary>
    public static string SecretKey(Workload workload, EnvironmentValue variable) => $"{workload.Name}.{variable.Name}";

    public static Dictionary<string, string> Labels(Workload workload) => new()
    {
        ["app.kubernetes.io/name"] = workload.Name,
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    public static V1ObjectMeta Metadata(string name, Workload workload) => new() { Name = name, Labels = Labels(workload) };

    public static V1ConfigMap ConfigMap(Workload workload) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = Metadata(ConfigMapName(workload), workload),
        Data = workload.Environment.Where(variable => !variable.Secret).ToDictionary(variable => variable.Name, variable => variable.Value),
    };

    public static V1PodSpec Spec(Workload workload, string secretName = SecretName, IList<V1Volume>? volumes = null) => new()
    {
        Containers = [Container(workload, secretName)],
        Volumes = volumes,
        SecurityContext = workload.VolumeGroup is { } group ? new V1PodSecurityContext { FsGroup = group } : null,
        TerminationGracePeriodSeconds = 30,
    };

    private static V1Container Container(Workload workload, string secretName) => new()
    {
        Name = workload.Name,
        Image = workload.Image,
        ImagePullPolicy = "IfNotPresent",
        Ports = [.. workload.Ports.Select(port => new V1ContainerPort { ContainerPort = port.Port, Name = port.Name, HostPort = port.HostPort })],
        EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapName(workload) } }],
        Env = NullIfEmpty(workload.Environment.Where(variable => variable.Secret).Select(variable => new V1EnvVar
        {
            Name = variable.Name,
            ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secretName, Key = SecretKey(workload, variable) } },
        })),
        ReadinessProbe = Probe(workload.Readiness, periodSeconds: 5, failureThreshold: 3, initialDelaySeconds: null),
        LivenessProbe = Probe(workload.Liveness, periodSeconds: 30, failureThreshold: 4, initialDelaySeconds: 30),
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity>
            {
                ["cpu"] = new(workload.Budget.CpuRequest),
                ["memory"] = new(workload.Budget.MemoryRequest),
            },
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new(workload.Budget.MemoryLimit) },
        },
        VolumeMounts = NullIfEmpty(workload.Volumes.Select(volume => new V1VolumeMount { Name = volume.Name, MountPath = volume.MountPath })),
    };

    private static V1Probe Probe(WorkloadProbe probe, int periodSeconds, int failureThreshold, int? initialDelaySeconds) => probe switch
    {
        WorkloadProbe.Http http => new V1Probe
        {
            HttpGet = new V1HTTPGetAction { Port = http.Port, Path = http.Path },
            PeriodSeconds = periodSeconds, FailureThreshold = failureThreshold, InitialDelaySeconds = initialDelaySeconds, TimeoutSeconds = 3,
        },
        WorkloadProbe.Exec exec => new V1Probe
        {
            Exec = new V1ExecAction { Command = [.. exec.Command] },
            PeriodSeconds = periodSeconds, FailureThreshold = failureThreshold, InitialDelaySeconds = initialDelaySeconds, TimeoutSeconds = 10,
        },
        _ => throw new NotSupportedException(probe.GetType().Name),
    };

    private static List<T>? NullIfEmpty<T>(IEnumerable<T> items) => items.ToList() is { Count: > 0 } list ? list : null;
}
