namespace Platform.UserCommand.Infrastructure.Identity;

/// <summary>
/// Plain HTTP for the issuer only where no one else can listen (ADR 0036): a dev run, or an address on the machine
/// itself (the local run and the local podman deployment publish the gateway on localhost). Anywhere else the tokens,
/// the passwords of the sign-in page and the codes would cross a network in clear, so the server does not start.
/// </summary>
public static class IssuerRules
{
    public static void Check(Uri? issuer, bool developmentRun)
    {
        if (issuer is null || issuer.Scheme == Uri.UriSchemeHttps || developmentRun || issuer.IsLoopback)
            return;
        throw new InvalidOperationException(
            $"Identity:PublicAddress is {issuer}: outside a dev run the issuer must be https (or on this machine, localhost). " +
            "Put the gateway behind TLS and give its https address.");
    }
}
