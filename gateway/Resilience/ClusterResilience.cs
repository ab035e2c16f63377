using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
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
        TokensPerPeriod = options.Value.Retry.RetriesPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
    });

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var proxy = context.GetReverseProxyFeature();
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
            {
                if (recording is null || !await recording.TryServeAsync())
                    await CircuitOpenAsync(context, cluster,
                        broken.RetryAfter ?? TimeSpan.FromSeconds(policies.For(cluster).Policy.CircuitBreaker.BreakSeconds));
            }
            else if (outcome.Exception is { } unexpected)
                throw unexpected;
            else if (context.Features.Get<IForwarderErrorFeature>() is { } error && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
                await (ForwarderErrors.IsDestinationFailure(error.Error)
                    ? UnreachableAsync(context, cluster, error.Error)
                    : RefusedRequestAsync(context, error.Error));
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

    /// <summary>The fallback while a service's circuit is open: an immediate 503 that says when to come back.</summary>
    private Task CircuitOpenAsync(HttpContext context, string cluster, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Clear();
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable",
            $"{cluster} is failing, so the gateway sends it no requests for now. Try again in {seconds} s.", cluster, "open");
    }

    /// <summary>YARP could not reach the service (its status is already set: 502, 503 or 504); the client still gets problem+json.</summary>
    private Task UnreachableAsync(HttpContext context, string cluster, ForwarderError error) =>
        WriteProblemAsync(context, context.Response.StatusCode >= 500 ? context.Response.StatusCode : StatusCodes.Status502BadGateway, "Service unreachable",
            error == ForwarderError.NoAvailableDestinations ? $"No instance of {cluster} is healthy." : $"The gateway could not reach {cluster} ({error}).",
            cluster, "closed");

    /// <summary>The client's request could not be forwarded (YARP set the status: 413 for a body over the limit, else 400).</summary>
    private Task RefusedRequestAsync(HttpContext context, ForwarderError error) =>
        WriteProblemAsync(context, context.Response.StatusCode is >= 400 and < 500 ? context.Response.StatusCode : StatusCodes.Status400BadRequest,
            context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "The request could not be forwarded",
            context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The request body is over the gateway's limit of {limits.Value.MaxRequestBodyBytes} bytes."
                : $"The gateway could not read the request ({error}).",
            null, null);

    private Task WriteProblemAsync(HttpContext context, int status, string title, string detail, string? cluster, string? circuit)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (cluster is not null)
        {
            problem.Extensions["service"] = cluster;
            problem.Extensions["circuit"] = circuit;
        }
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

        /// <summary>True unless the service failed: no answer from it (not the client's doing), or a 5xx.</summary>
        public async ValueTask<Outcome<bool>> SendAsync()
        {
            await next(context);
            var error = context.Features.Get<IForwarderErrorFeature>()?.Error;
            var destinationFailed = error is { } e && ForwarderErrors.IsDestinationFailure(e);
            Retryable = (safe || IsKeyedWrite) && destinationFailed && error != ForwarderError.NoAvailableDestinations && !context.Response.HasStarted;
            if (destinationFailed && proxy.ProxiedDestination is { } destination)
                failed.Add(destination);
            return Outcome.FromResult(!destinationFailed && (error is not null || context.Response.StatusCode < 500));
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
