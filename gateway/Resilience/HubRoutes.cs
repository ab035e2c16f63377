using Platform.ServiceDefaults.Identity;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Platform.Gateway.Resilience;

/// <summary>
/// A route to a SignalR hub (metadata <c>Platform.Hub</c>), ADR 0051. Its WebSocket lasts as long as the client stays,
/// so the resilience step lets it through untouched: no retry, no circuit (a limit per message lives in the hub), and
/// its route has no request rate limit. A browser's token, which came in the query string, is moved into the
/// Authorization header, and the route's transform removes it from the query, so no hop after the gateway sees it
/// in a URL. Session affinity on the cluster keeps a client's negotiation and its connection on one instance.
/// </summary>
public static class HubRoutes
{
    public const string MetadataKey = "Platform.Hub";

    public static bool IsHub(RouteConfig route) => route.Metadata?.TryGetValue(MetadataKey, out var value) == true && value == "true";

    public static void Add(TransformBuilderContext transforms)
    {
        if (!IsHub(transforms.Route))
            return;
        transforms.AddRequestTransform(context =>
        {
            if (context.ProxyRequest.Headers.Authorization is null
                && context.HttpContext.Request.Query.TryGetValue(QueryStringTokens.Parameter, out var token) && !string.IsNullOrEmpty(token))
                context.ProxyRequest.Headers.Authorization = new("Bearer", token.ToString());
            return ValueTask.CompletedTask;
        });
    }
}
