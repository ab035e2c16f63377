using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Tests;

/// <summary>YARP's route model as the gateway finds it on a request's endpoint, for tests without a running proxy.</summary>
internal static class Routes
{
    public static RouteModel Route(string routeId, string cluster, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(new RouteConfig { RouteId = routeId, ClusterId = cluster, Metadata = metadata }, new ClusterState(cluster), HttpTransformer.Default);

    public static DefaultHttpContext Request(RouteModel route, string method, string path, IServiceProvider? services = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(route), route.Config.RouteId));
        if (services is not null)
            context.RequestServices = services;
        return context;
    }
}
