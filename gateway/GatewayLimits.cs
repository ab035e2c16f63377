namespace Platform.Gateway;

/// <summary>What the gateway accepts from a client (section <c>Gateway:Limits</c>).</summary>
public sealed class GatewayLimits
{
    public const string Section = "Gateway:Limits";

    /// <summary>A larger request body is refused with 413 before any service sees it. Every API here takes small JSON.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
