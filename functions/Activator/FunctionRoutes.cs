using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc;
using Platform.Functions.Activator.Admin;
using Platform.Functions.Activator.Scaling;
using Platform.ServiceDefaults.Identity;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Functions.Activator;

/// <summary>
/// <c>/api/functions/{name}/…</c>: the request goes to an instance of the function (started first if none runs), with
/// the rest of its path; <c>GET /api/functions</c> lists every function with its instances, zero included; an admin
/// changes a function's scaling with <c>PATCH /api/admin/functions/{name}</c>.
/// </summary>
public static class FunctionRoutes
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private static readonly HttpMessageInvoker Instances = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = new ReverseProxyPropagator(System.Diagnostics.DistributedContextPropagator.Current),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    public static WebApplication MapFunctions(this WebApplication app)
    {
        app.MapGet("/api/functions", (FunctionPools pools) => new FunctionsView([.. pools.All.Select(FunctionView.Of)]));
        app.Map("/api/functions/{name}/{**rest}", ForwardAsync);
        app.MapPatch("/api/admin/functions/{name}", (string name, FunctionScalingChange change, FunctionPools pools) =>
        {
            if (pools.Find(name) is not { } pool)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such function", detail: $"There is no function named {name}.");
            if (change.Problems() is { Count: > 0 } problems)
                return Results.ValidationProblem(problems);
            pool.Rescale(change);
            return Results.Ok(FunctionView.Of(pool));
        }).RequireAdmin();
        return app;
    }

    private static async Task ForwardAsync(HttpContext http, string name, string? rest, FunctionPools pools, IHttpForwarder forwarder, IProblemDetailsService problems)
    {
        if (pools.Find(name) is not { } pool)
        {
            await ProblemAsync(http, problems, StatusCodes.Status404NotFound, "No such function", $"There is no function named {name}.");
            return;
        }
        if (pool.Options.Queue is { } queue)
        {
            await ProblemAsync(http, problems, StatusCodes.Status404NotFound, "Not an HTTP function",
                $"{name} is triggered by the queue {queue}, not by requests.");
            return;
        }
        FunctionPool.Lease lease;
        try
        {
            lease = await pool.AcquireAsync(http.RequestAborted);
        }
        catch (FunctionUnavailableException unavailable)
        {
            http.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await ProblemAsync(http, problems, StatusCodes.Status503ServiceUnavailable, "The function could not be started", unavailable.Message);
            return;
        }
        using (lease)
        {
            // The cold start's span (spawned, ready) sits under the request's, which marks the first byte.
            if (lease.WaitedForStart && Activity.Current is { } request)
                http.Response.OnStarting(() =>
                {
                    request.AddEvent(new ActivityEvent("first byte"));
                    return Task.CompletedTask;
                });
            http.Request.Path = "/" + rest;
            var error = await forwarder.SendAsync(http, lease.Instance.Address.ToString(), Instances);
            if (error != ForwarderError.None && !http.Response.HasStarted)
                await ProblemAsync(http, problems, StatusCodes.Status502BadGateway, "The function's instance failed",
                    $"{lease.Instance.Name} did not answer ({error}); nothing is known of the request's outcome: retry it with its Idempotency-Key.");
        }
    }

    private static async Task ProblemAsync(HttpContext http, IProblemDetailsService problems, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

public sealed record FunctionsView(IReadOnlyList<FunctionView> Functions);

/// <param name="Trigger">"http" (scaled by requests in flight, <paramref name="TargetConcurrency"/>) or "queue" (by <paramref name="Queue"/>'s depth, <paramref name="QueueLength"/>).</param>
/// <param name="ColdStarts">How many instances have started (and become ready) since the activator started.</param>
/// <param name="LastColdStartMs">How long its last instance took from spawn to ready; none before the first.</param>
public sealed record FunctionView(string Name, string Trigger, string? Queue, int Instances, int InFlight, int TargetConcurrency, int QueueLength,
    double StableWindowSeconds, double ScaleToZeroGraceSeconds, int MaxInstances, int ColdStarts, double? LastColdStartMs)
{
    public static FunctionView Of(FunctionPool pool) => new(pool.Name, pool.Options.Queue is null ? "http" : "queue", pool.Options.Queue,
        pool.Instances, pool.InFlight, pool.Options.TargetConcurrency, pool.Options.QueueLength, pool.Options.StableWindow.TotalSeconds,
        pool.Options.ScaleToZeroGrace.TotalSeconds, pool.Options.MaxInstances, pool.ColdStarts, pool.LastColdStart?.TotalMilliseconds);
}
