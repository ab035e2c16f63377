using System.Collections.Concurrent;
using System.Globalization;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Resilience;

/// <summary>
/// A passive health policy that takes a destination out after a few transport failures in a row (as Envoy's
/// consecutive-gateway-failure outlier detection does). YARP's own <c>TransportFailureRate</c> judges a rate over a
/// window: a busy instance that dies has had so many recent successes that it stays in rotation for seconds, and
/// every request sent to it in that time needs a retry, which a retry budget must not cover (ADR 0016).
/// </summary>
public sealed class ConsecutiveFailuresPassivePolicy(IDestinationHealthUpdater health) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "ConsecutiveTransportFailures";
    public const string ThresholdMetadata = "ConsecutiveTransportFailures.Threshold";
    private const int DefaultThreshold = 3;
    private static readonly TimeSpan DefaultReactivation = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<DestinationState, int> failuresInARow = new();

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var failed = context.Features.Get<IForwarderErrorFeature>() is { } error && !context.RequestAborted.IsCancellationRequested
            && ForwarderErrors.IsDestinationFailure(error.Error) && error.Error != ForwarderError.NoAvailableDestinations;
        if (!failed)
        {
            failuresInARow[destination] = 0;
            return;
        }
        if (failuresInARow.AddOrUpdate(destination, 1, (_, count) => count + 1) < Threshold(cluster))
            return;
        failuresInARow[destination] = 0;
        health.SetPassive(cluster, destination, DestinationHealth.Unhealthy,
            cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? DefaultReactivation);
    }

    private static int Threshold(ClusterState cluster) =>
        cluster.Model.Config.Metadata?.GetValueOrDefault(ThresholdMetadata) is { } value
        && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var threshold) && threshold > 0
            ? threshold
            : DefaultThreshold;
}
