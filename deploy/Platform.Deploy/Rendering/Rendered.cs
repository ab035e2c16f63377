namespace Platform.Deploy.Rendering;

public static class Rendered
{
    /// <summary>The first lines of a generated file: what made it, and how to make it again rather than edit it.</summary>
    public const string Header =
        "# Generated from the AppHost's manifest by deploy/render-kubernetes.sh (ADR 0028): edit the AppHost, not this file.\n" +
        "# The Secret is not here: create it at deploy time (see deploy/kubernetes/README.md).\n";
}
