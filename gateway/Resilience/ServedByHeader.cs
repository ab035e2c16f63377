using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Platform.Gateway.Resilience;

/// <summary>
/// Names the destination that answered in <c>X-Served-By</c> (as meshes do with their upstream-host header), so a
/// client or a test can see the load spread across instances. Development detail, not a secret: the names are the
/// AppHost's resource names.
/// </summary>
public static class ServedByHeader
{
    public const string Name = "X-Served-By";

    public static void Add(TransformBuilderContext transforms) =>
        transforms.AddResponseTransform(context =>
        {
            if (context.HttpContext.GetReverseProxyFeature().ProxiedDestination is { } destination)
                context.HttpContext.Response.Headers[Name] = InstanceName(destination.DestinationId);
            return ValueTask.CompletedTask;
        });

    /// <summary>Service discovery names a resolved destination "user-query-2[http://localhost:1234/]": the instance is the part before the address.</summary>
    public static string InstanceName(string destinationId) =>
        destinationId.IndexOf('[') is > 0 and var end ? destinationId[..end] : destinationId;
}
