using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Resilience;

/// <summary>
/// Whose fault a forwarding error is. Only the destination's failures count against its circuit and may be retried;
/// a client that sent a body too large or went away is not the service's fault (YARP's passive health check draws
/// the same line).
/// </summary>
public static class ForwarderErrors
{
    public static bool IsDestinationFailure(ForwarderError error) => error
        is ForwarderError.Request
        or ForwarderError.RequestTimedOut
        or ForwarderError.RequestBodyDestination
        or ForwarderError.ResponseHeaders
        or ForwarderError.ResponseBodyDestination
        or ForwarderError.UpgradeRequestDestination
        or ForwarderError.UpgradeResponseDestination
        or ForwarderError.NoAvailableDestinations;

    /// <summary>
    /// No destination answered at all: none could be reached or chosen, the connection failed or was reset before the
    /// response's headers, or none came within the timeout. The service is out of reach, not misbehaving, so the client
    /// gets the gateway's fallback, as from an open circuit (issue 27).
    /// </summary>
    public static bool IsUnreachable(ForwarderError error) => error
        is ForwarderError.Request
        or ForwarderError.RequestTimedOut
        or ForwarderError.RequestBodyDestination
        or ForwarderError.ResponseHeaders
        or ForwarderError.NoAvailableDestinations;
}
