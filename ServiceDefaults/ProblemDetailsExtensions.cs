using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults;

/// <summary>Every error a service returns is application/problem+json, including malformed requests and unknown routes.</summary>
public static class ProblemDetailsExtensions
{
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<MalformedRequestProblemHandler>();
        // Let a malformed body or parameter throw, so its message reaches the caller in the problem's detail.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UsePlatformProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

/// <summary>A request the framework could not bind (bad JSON, bad header): 400 with the reason.</summary>
public sealed class MalformedRequestProblemHandler(IProblemDetailsService problems) : ProblemMappingHandler(problems)
{
    protected override ProblemDetails? ToProblem(Exception exception) => exception is BadHttpRequestException bad
        ? Problem(bad.StatusCode, "The request is malformed", bad.Message)
        : null;
}
