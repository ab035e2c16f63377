using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Policies;

/// <summary>
/// ASP.NET Core's rate limiter, named on every YARP route (ADR 0018): one fixed window per client and route, sized by
/// the route's service policy. A changed policy starts new windows at once: its version is part of the partition key.
/// The client is the token's subject when a valid token came with the request, and otherwise its address, as the
/// forwarded headers of the configured trusted proxies give it (<see cref="GatewayLimits.TrustedProxies"/>): behind
/// an ingress, clients do not share one window. Over the limit, the client gets 429 problem+json with
/// <c>Retry-After</c> (the limiter's own default is a bare 503).
/// </summary>
public static class ClientRateLimits
{
    public const string PolicyName = "per-client-and-route";

    public static IServiceCollection AddClientRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, Partition);
            limiter.OnRejected = RejectAsync;
        });

    /// <summary>The request's window: its route, its client and the version of the route's service policy.</summary>
    internal static RateLimitPartition<string> Partition(HttpContext context)
    {
        // The limiter runs before YARP's own pipeline: the route comes from the endpoint, not the proxy feature.
        var route = RouteOf(context);
        var service = route.Cluster?.ClusterId ?? route.Config.ClusterId ?? "";
        var policy = context.RequestServices.GetRequiredService<ServicePolicies>().For(service);
        var client = ClientOf(context);
        var limit = policy.Policy.RateLimit;
        return RateLimitPartition.GetFixedWindowLimiter($"{route.Config.RouteId}|{client}|{policy.Version}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            QueueLimit = 0,
        });
    }

    /// <summary>Who is counted: a signed-in caller by its subject, wherever it calls from; anyone else by address.</summary>
    internal static string ClientOf(HttpContext context) =>
        context.User.FindFirst("sub")?.Value is { Length: > 0 } subject
            ? $"sub:{subject}"
            : $"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    /// <summary>YARP puts its route model in the endpoint's metadata; its proxy feature only exists later, inside the proxy pipeline.</summary>
    private static RouteModel RouteOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()
        ?? throw new InvalidOperationException($"{PolicyName} is named on a route that is not a YARP route.");

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var route = RouteOf(context).Config.RouteId;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = $"This client is over the rate limit of route {route}. Try again in {seconds} s.",
        };
        problem.Extensions["route"] = route;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
