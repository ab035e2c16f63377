namespace Platform.Gateway;

/// <summary>What the gateway accepts from a client (section <c>Gateway:Limits</c>).</summary>
public sealed class GatewayLimits
{
    public const string Section = "Gateway:Limits";

    /// <summary>A larger request body is refused with 413 before any service sees it. Every API here takes small JSON.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

public static class GatewayLimitsExtensions
{
    /// <summary>The client-facing limits (<see cref="GatewayLimits"/>), the body size enforced by Kestrel itself.</summary>
    public static WebApplicationBuilder AddGatewayLimits(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(GatewayLimits.Section);
        builder.Services.Configure<GatewayLimits>(section);
        var limits = section.Get<GatewayLimits>() ?? new GatewayLimits();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        return builder;
    }
}
