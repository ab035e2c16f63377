using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Telemetry;

/// <summary>
/// Tags ASP.NET Core's own request metrics (<c>http.server.request.duration</c>: counts, latency histogram, status) with
/// the YARP route that matched, as <c>gateway.route</c>: YARP 2.3 has no metrics of its own, and two routes may share
/// a path pattern (reads and writes of /api/users). Requests the rate limiter or authentication refuse are tagged too.
/// </summary>
public static class RouteMetricsTag
{
    public const string Name = "gateway.route";

    public static IApplicationBuilder UseRouteMetricsTag(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is { } route)
                context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new(Name, route.Config.RouteId));
            return next(context);
        });
}
