using Platform.Deploy;

// Renders the deployment from the AppHost's published manifest (ADR 0028):
//   kubernetes --manifest F --out FILE [--image-prefix P] [--tag T]    the manifests for a cluster (deploy/kubernetes)
//   secret     --manifest F --parameters FILE                          the cluster's Secret, for `kubectl apply -f -`
//   podman     --manifest F --parameters FILE --out DIR [--name N] [--tag T] [--gateway-port N] [--dashboard-port N]
//              platform.yaml for `podman kube play`, secret.json for `podman secret create`, readiness.tsv for deploy.sh
try
{
    return DeployCommand.Run(args);
}
catch (Exception error) when (error is ArgumentException or FormatException or KeyNotFoundException or NotSupportedException
                                  or InvalidOperationException or IOException)
{
    Console.Error.WriteLine($"platform-deploy: {error.Message}");
    return 2;
}
