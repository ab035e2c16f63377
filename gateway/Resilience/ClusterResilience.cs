using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Platform.ServiceDefaults;
using Polly.Retry;
using Platform.Gateway.Policies;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Resilience;

/// <summary>
/// A step in YARP's proxy pipeline, before load balancing, with one Polly pipeline per cluster (ADR 0016), built from
/// the service's policy in force and rebuilt when it changes (ADR 0018):
/// <list type="bullet">
/// <item>a <b>circuit breaker</b>: when half the requests to a service fail (unreachable, or 5xx), the gateway stops
/// sending it any for a while and answers 503 problem+json with <c>Retry-After</c> at once; a trial request then
/// closes the circuit again if the service is back;</item>
/// <item>a <b>retry</b> for idempotent requests (GET, HEAD, OPTIONS, and writes with an Idempotency-Key on a route whose
/// service honours it) that could not reach a destination, before
/// anything went to the client: on another healthy destination when there is one, with exponential backoff and
/// jitter, within a token-bucket budget so that retries never multiply an outage.</item>
/// </list>
/// The passive health policy (<see cref="ConsecutiveFailuresPassivePolicy"/>) then takes the failing destination out of rotation.
/// </summary>
public sealed class ClusterResilience(
    IOptions<ResilienceOptions> options, ServicePolicies policies, FallbackCache fallbackCache, IOptions<GatewayLimits> limits,
    GatewayMetrics metrics, IProblemDetailsService problems, ILoggerFactory logging) : IMiddleware
{
    private readonly ConcurrentDictionary<string, ClusterPipeline> pipelines = new();
    private readonly TokenBucketRateLimiter budget = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = options.Value.Retry.RetryBurst,
        TokensPerPeriod = options.Value.Retry.BudgetRefill.Tokens,
        ReplenishmentPeriod = options.Value.Retry.BudgetRefill.Period,
        QueueLimit = 0,
    });

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var proxy = context.GetReverseProxyFeature();
        if (HubRoutes.IsHub(proxy.Route.Config))
        {
            await next(context); // a connection that lasts: nothing to retry, no circuit to count it in
            return;
        }
        var cluster = proxy.Cluster.Config.ClusterId;
        var attempt = new Attempt(context, next, proxy, metrics);
        if (attempt.IsKeyedWrite)
            context.Request.EnableBuffering(); // a retried write sends its body again
        var resilience = ResilienceContextPool.Shared.Get(context.RequestAborted);
        resilience.Properties.Set(Attempt.Key, attempt);
        var recording = fallbackCache.Record(context, proxy.Route);
        try
        {
            var outcome = await PipelineFor(cluster).Pipeline
                .ExecuteOutcomeAsync(static (_, attempt) => attempt.SendAsync(), resilience, attempt);
            recording?.Complete(answered: outcome.Exception is null && context.Features.Get<IForwarderErrorFeature>() is null);
            if (outcome.Exception is BrokenCircuitException broken && !context.Response.HasStarted)
                await FallBackAsync(context, attempt.Route, cluster, recording, Fallback.CircuitOpen, broken.RetryAfter ?? BreakOf(cluster));
            else if (outcome.Exception is { } unexpected)
                throw unexpected;
            else if (context.Features.Get<IForwarderErrorFeature>() is { } error && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // Every attempt (on each healthy instance, for a request that may be retried) got no answer: the same
                // fallback as an open circuit, from the first failed request on, not a 502 until the circuit opens.
                if (ForwarderErrors.IsUnreachable(error.Error))
                    await FallBackAsync(context, attempt.Route, cluster, recording, Fallback.Unreachable, BreakOf(cluster));
                else if (ForwarderErrors.IsDestinationFailure(error.Error))
                    await BadAnswerAsync(context, cluster, error.Error);
                else
                    await RefusedRequestAsync(context, error.Error);
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    /// <summary>The circuit's state for the control plane: closed until the service has had a request.</summary>
    public CircuitState CircuitOf(string cluster) =>
        pipelines.TryGetValue(cluster, out var pipeline) ? pipeline.Circuit.CircuitState : CircuitState.Closed;

    /// <summary>The cluster's pipeline for the policy in force: a changed policy builds a new one, with a closed circuit.</summary>
    private ClusterPipeline PipelineFor(string cluster)
    {
        var policy = policies.For(cluster);
        var pipeline = pipelines.GetOrAdd(cluster, _ => Build(policy));
        if (pipeline.Version == policy.Version)
            return pipeline;
        var rebuilt = Build(policy);
        return pipelines.TryUpdate(cluster, rebuilt, pipeline) ? rebuilt : pipelines[cluster];
    }

    private ClusterPipeline Build(VersionedPolicy versioned)
    {
        var (cluster, breaker, retries) = (versioned.Service, versioned.Policy.CircuitBreaker, versioned.Policy.Retries);
        var circuit = new CircuitBreakerStateProvider();
        // Polly's own telemetry (the "Polly" meter, tagged pipeline.name "gateway" and pipeline.instance with the service;
        // its events logged): retries, circuit openings and each attempt's duration, as the dashboard shows them.
        var pipeline = new ResiliencePipelineBuilder<bool> { Name = "gateway", InstanceName = cluster }
            .ConfigureTelemetry(logging)
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<bool>
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(breaker.SamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(breaker.BreakSeconds),
                StateProvider = circuit,
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Result is false),
                OnOpened = _ => Changed(cluster, "open"),
                OnHalfOpened = _ => Changed(cluster, "half-open"),
                OnClosed = _ => Changed(cluster, "closed"),
            });
        if (retries > 0)
            pipeline.AddRetry(new RetryStrategyOptions<bool>
            {
                MaxRetryAttempts = retries,
                Delay = options.Value.Retry.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Result is false && AttemptOf(arguments.Context) is { Retryable: true } attempt && WithinBudget(attempt)),
                OnRetry = arguments =>
                {
                    AttemptOf(arguments.Context).Retrying();
                    return ValueTask.CompletedTask;
                },
            });
        return new ClusterPipeline(versioned.Version, pipeline.Build(), circuit);
    }

    private sealed record ClusterPipeline(long Version, ResiliencePipeline<bool> Pipeline, CircuitBreakerStateProvider Circuit);

    private static Attempt AttemptOf(ResilienceContext context) => context.Properties.GetValue(Attempt.Key, null!);

    private ValueTask Changed(string cluster, string state)
    {
        metrics.CircuitChanged(cluster, state);
        return ValueTask.CompletedTask;
    }

    private bool WithinBudget(Attempt attempt)
    {
        if (budget.AttemptAcquire().IsAcquired)
            return true;
        metrics.BudgetExhausted(attempt.Route);
        return false;
    }

    private enum Fallback { CircuitOpen, Unreachable }

    private TimeSpan BreakOf(string cluster) => TimeSpan.FromSeconds(policies.For(cluster).Policy.CircuitBreaker.BreakSeconds);

    /// <summary>
    /// The gateway answers for a service it cannot use, whether its circuit is open or no instance answered: a GET it
    /// holds a recent copy of from that copy, anything else an immediate 503 that says when to come back.
    /// </summary>
    private async Task FallBackAsync(HttpContext context, string route, string cluster, FallbackCache.Recording? recording, Fallback why, TimeSpan retryAfter)
    {
        var reason = why == Fallback.CircuitOpen ? "circuit-open" : "unreachable";
        if (recording is not null && await recording.TryServeAsync())
        {
            metrics.FellBack(route, cluster, reason, "cache");
            return;
        }
        metrics.FellBack(route, cluster, reason, "unavailable");
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Clear();
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable", why == Fallback.CircuitOpen
                ? $"{cluster} is failing, so the gateway sends it no requests for now. Try again in {seconds} s."
                : $"No instance of {cluster} answered. Try again in {seconds} s.",
            cluster, why == Fallback.CircuitOpen ? "open" : CircuitOf(cluster).ToString().ToLowerInvariant(), reason);
    }

    /// <summary>An instance answered with something the gateway cannot pass on (its body broke off, an upgrade failed): 502.</summary>
    private Task BadAnswerAsync(HttpContext context, string cluster, ForwarderError error) =>
        WriteProblemAsync(context, StatusCodes.Status502BadGateway, "Bad answer from the service",
            $"{cluster} answered, but the gateway could not pass its answer on ({error}).", cluster, CircuitOf(cluster).ToString().ToLowerInvariant());

    /// <summary>The client's request could not be forwarded (YARP set the status: 413 for a body over the limit, else 400).</summary>
    private Task RefusedRequestAsync(HttpContext context, ForwarderError error) =>
        WriteProblemAsync(context, context.Response.StatusCode is >= 400 and < 500 ? context.Response.StatusCode : StatusCodes.Status400BadRequest,
            context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "The request could not be forwarded",
            context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The request body is over the gateway's limit of {limits.Value.MaxRequestBodyBytes} bytes."
                : $"The gateway could not read the request ({error}).",
            null, null);

    private Task WriteProblemAsync(HttpContext context, int status, string title, string detail, string? cluster, string? circuit, string? fallback = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (cluster is not null)
        {
            problem.Extensions["service"] = cluster;
            problem.Extensions["circuit"] = circuit;
        }
        if (fallback is not null)
            problem.Extensions["fallback"] = fallback;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    /// <summary>One request's attempts: which destinations failed, and whether the last failure may be retried.</summary>
    private sealed class Attempt(HttpContext context, RequestDelegate next, IReverseProxyFeature proxy, GatewayMetrics metrics)
    {
        public static readonly ResiliencePropertyKey<Attempt> Key = new("platform.gateway.attempt");

        private readonly IReadOnlyList<DestinationState> destinations = proxy.AvailableDestinations;
        private readonly HashSet<DestinationState> failed = [];
        private readonly bool safe = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method);

        /// <summary>A write that carries an Idempotency-Key, on a route whose service honours it (route metadata).</summary>
        public bool IsKeyedWrite { get; } = context.Request.Headers.ContainsKey(IdempotencyKeys.Header)
            && proxy.Route.Config.Metadata?.GetValueOrDefault(IdempotencyKeys.RouteMetadata) == "true";

        public string Route => proxy.Route.Config.RouteId;

        /// <summary>The last attempt never reached a destination, nothing went to the client, and the method is idempotent.</summary>
        public bool Retryable { get; private set; }

        /// <summary>
        /// True unless the service failed: no answer from it (not the client's doing), or a 5xx, unless the service said
        /// that only part of its data is out for a moment (<see cref="PartialOutage"/>): it serves the rest.
        /// </summary>
        public async ValueTask<Outcome<bool>> SendAsync()
        {
            await next(context);
            var error = context.Features.Get<IForwarderErrorFeature>()?.Error;
            var destinationFailed = error is { } e && ForwarderErrors.IsDestinationFailure(e);
            Retryable = (safe || IsKeyedWrite) && destinationFailed && error != ForwarderError.NoAvailableDestinations && !context.Response.HasStarted;
            if (destinationFailed && proxy.ProxiedDestination is { } destination)
                failed.Add(destination);
            return Outcome.FromResult(!destinationFailed
                && (error is not null || context.Response.StatusCode < 500 || context.Response.Headers.ContainsKey(PartialOutage.Header)));
        }

        /// <summary>Clears the failed attempt's traces and narrows the choice to destinations that have not failed (all, if none is left).</summary>
        public void Retrying()
        {
            metrics.Retried(Route, proxy.ProxiedDestination?.DestinationId);
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            if (context.Request.Body.CanSeek)
                context.Request.Body.Position = 0;
            proxy.ProxiedDestination = null;
            var untried = destinations.Where(destination => !failed.Contains(destination)).ToList();
            proxy.AvailableDestinations = untried.Count > 0 ? untried : destinations;
        }
    }
}
