using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Resilience;

/// <summary>
/// A step in YARP's proxy pipeline, before load balancing: when an idempotent request (GET, HEAD, OPTIONS) could not
/// reach its destination and nothing has been sent to the client yet, it is sent again, to another healthy
/// destination when there is one. Polly supplies the exponential backoff with jitter; a token bucket is the retry
/// budget, so that when a whole service is down the retries stay a trickle instead of multiplying the load.
/// YARP's own passive health check then takes the failing destination out of rotation.
/// </summary>
public sealed class RetryOnAnotherDestination : IMiddleware
{
    private readonly ResiliencePipeline<bool> pipeline;
    private readonly TokenBucketRateLimiter budget;
    private readonly GatewayMetrics metrics;

    public RetryOnAnotherDestination(IOptions<RetryOptions> options, GatewayMetrics metrics)
    {
        this.metrics = metrics;
        var retry = options.Value;
        budget = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = retry.RetryBurst,
            TokensPerPeriod = retry.RetriesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        });
        pipeline = new ResiliencePipelineBuilder<bool>()
            .AddRetry(new RetryStrategyOptions<bool>
            {
                MaxRetryAttempts = retry.MaxRetries,
                Delay = retry.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Result is false && WithinBudget(arguments.Context)),
            })
            .Build();
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsIdempotent(context.Request.Method))
        {
            await next(context);
            return;
        }

        var proxy = context.GetReverseProxyFeature();
        var attempt = new Attempt(context, next, proxy, proxy.AvailableDestinations, metrics);
        var resilience = ResilienceContextPool.Shared.Get(context.RequestAborted);
        resilience.Properties.Set(Attempt.Key, attempt);
        try
        {
            await pipeline.ExecuteOutcomeAsync(static (_, attempt) => attempt.SendAsync(), resilience, attempt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    private bool WithinBudget(ResilienceContext context)
    {
        var attempt = context.Properties.GetValue(Attempt.Key, null!);
        if (budget.AttemptAcquire().IsAcquired)
        {
            attempt.Retrying();
            return true;
        }
        metrics.BudgetExhausted(attempt.Route);
        return false;
    }

    private static bool IsIdempotent(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>One request's attempts: which destinations failed, and whether the last one did.</summary>
    private sealed class Attempt(HttpContext context, RequestDelegate next, IReverseProxyFeature proxy, IReadOnlyList<DestinationState> destinations, GatewayMetrics metrics)
    {
        public static readonly ResiliencePropertyKey<Attempt> Key = new("platform.gateway.attempt");

        private readonly HashSet<DestinationState> failed = [];

        public string Route => proxy.Route.Config.RouteId;

        public async ValueTask<Outcome<bool>> SendAsync()
        {
            await next(context);
            if (context.Features.Get<IForwarderErrorFeature>() is null || context.Response.HasStarted)
                return Outcome.FromResult(true);

            if (proxy.ProxiedDestination is { } destination)
                failed.Add(destination);
            return Outcome.FromResult(false);
        }

        /// <summary>Clears the failed attempt's traces and narrows the choice to destinations that have not failed (all, if none is left).</summary>
        public void Retrying()
        {
            metrics.Retried(Route, proxy.ProxiedDestination?.DestinationId);
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            proxy.ProxiedDestination = null;
            var untried = destinations.Where(destination => !failed.Contains(destination)).ToList();
            proxy.AvailableDestinations = untried.Count > 0 ? untried : destinations;
        }
    }
}
