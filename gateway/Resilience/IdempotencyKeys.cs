namespace Platform.Gateway.Resilience;

/// <summary>
/// A write may be retried only where the service stores its idempotency keys and answers a repeated key with the first
/// answer (ADR 0017); a route says so with the metadata <c>"HonoursIdempotencyKeys": "true"</c>.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    public const string RouteMetadata = "HonoursIdempotencyKeys";
}
