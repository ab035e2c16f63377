namespace Platform.Deploy.Rendering;

public static class Rendered
{
    /// <summary>The first lines of a generated file: what made it, and how to make it again rather than edit it.</summary>
    public const string Header =
        "# Generated from the AppHost's manifest by deploy/render-kubernetes.sh (ADR 0028): edit the AppHost, not this file.\n" +
        "# The Secret is not here: create it at deploy time (see deploy/kubernetes/README.md).\n";

    /// <summary>The serverless overlay's functions file, with its header: what the committed file holds, and what the test compares.</summary>
    public static string Serverless(IReadOnlyList<Planning.Workload> workloads) =>
        Header + "# The functions on Knative Serving and KEDA (ADR 0048): applied with the overlay beside it, never alone.\n"
        + KubernetesManifests.ToYaml(ServerlessManifests.Render(workloads));
}
