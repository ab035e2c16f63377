namespace Platform.ServiceDefaults;

/// <summary>
/// A service that cannot serve part of its data for a moment (one shard of user-command's event store down) answers
/// 503 with this header, naming the part. The service itself answered, and serves everything else: the gateway's
/// circuit breaker does not count such an answer against the service.
/// </summary>
public static class PartialOutage
{
    public const string Header = "Platform-Partial-Outage";
}
