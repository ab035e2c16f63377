namespace Platform.Deploy.Planning;

/// <summary>
/// Where the images come from (localhost/platform for podman's own storage, a registry's path for a cluster), their
/// tag, the host ports that publish the gateway and the dashboard (podman serves no Service outside the pods), and
/// the address the outside world reaches the gateway at (a token's issuer, the links in mails), when it is known.
/// </summary>
public sealed record DeploymentOptions(string ImagePrefix = "localhost/platform", string Tag = "dev",
    int? GatewayHostPort = null, int? DashboardHostPort = null, Uri? PublicAddress = null);
