using Microsoft.AspNetCore.HttpOverrides;

namespace Platform.Gateway;

/// <summary>What the gateway accepts from a client (section <c>Gateway:Limits</c>).</summary>
public sealed class GatewayLimits
{
    public const string Section = "Gateway:Limits";

    /// <summary>A larger request body is refused with 413 before any service sees it. Every API here takes small JSON.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The proxies in front of the gateway (an ingress, a load balancer), by address or CIDR: only their
    /// <c>X-Forwarded-For</c> is believed, so a client cannot claim another's address. None by default: a client's
    /// address is the connection's.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}

public static class GatewayLimitsExtensions
{
    /// <summary>
    /// The client-facing limits (<see cref="GatewayLimits"/>): the body size enforced by Kestrel itself, and whose
    /// forwarded headers name the client (<c>UseForwardedHeaders</c> then sets the connection's address from them).
    /// </summary>
    public static WebApplicationBuilder AddGatewayLimits(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(GatewayLimits.Section);
        builder.Services.Configure<GatewayLimits>(section);
        var limits = section.Get<GatewayLimits>() ?? new GatewayLimits();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded => Trust(forwarded, limits.TrustedProxies));
        return builder;
    }

    /// <summary>X-Forwarded-For and -Proto from the trusted proxies only; the defaults (loopback) are dropped, so a local client cannot claim an address either.</summary>
    public static void Trust(ForwardedHeadersOptions forwarded, IEnumerable<string> proxies)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        forwarded.ForwardLimit = null; // walk back through every trusted hop, to the first address no trusted proxy vouches for
        foreach (var proxy in proxies)
        {
            if (proxy.Contains('/'))
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            else
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        }
    }
}
