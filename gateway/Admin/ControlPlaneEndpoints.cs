using Platform.Gateway.Policies;
using Platform.ServiceDefaults;
using Yarp.ReverseProxy;

namespace Platform.Gateway.Admin;

/// <summary>
/// The control plane (ADR 0018): the services the gateway knows, their instances and health, and the policy in force
/// for each, which an admin changes at run time.
/// </summary>
public static class ControlPlaneEndpoints
{
    public static IEndpointRouteBuilder MapControlPlane(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(AdminAuthentication.Policy).WithTags("Control plane");
        admin.MapGet("/services", ListServices)
            .WithSummary("Every service behind the gateway: its instances and their health, its circuit, and its policy");
        admin.MapGet("/policies/{service}", GetPolicy)
            .WithSummary("A service's policy in force; its ETag is the policy's version");
        admin.MapPut("/policies/{service}", ChangePolicy)
            .WithSummary("Puts a new policy in force at once, stored so that it survives a restart; If-Match guards against lost updates");
        return app;
    }

    private static IReadOnlyList<ServiceView> ListServices(ServiceDirectory services) => services.List();

    private static IResult GetPolicy(string service, IProxyStateLookup proxy, ServicePolicies policies, HttpContext context)
    {
        if (!proxy.TryGetCluster(service, out _))
            return UnknownService(service);
        var policy = policies.For(service);
        context.Response.Headers.ETag = EntityTag.For(policy.Version);
        return Results.Ok(PolicyView.Of(policy));
    }

    private static async Task<IResult> ChangePolicy(
        string service, ServicePolicy policy, IProxyStateLookup proxy, ServicePolicies policies, HttpContext context, CancellationToken ct)
    {
        if (!proxy.TryGetCluster(service, out _))
            return UnknownService(service);
        var errors = policy.Validate();
        if (errors.Count > 0)
            return Results.ValidationProblem(errors, title: "The policy is not valid", detail: "Nothing was changed.");
        var expected = EntityTag.ParseVersion(context.Request.Headers.IfMatch);
        var changed = await policies.ChangeAsync(service, expected, policy, ct);
        if (changed is null)
            return expected is null
                ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed concurrently",
                    detail: $"Another change to {service}'s policy was stored at the same time: read it and try again.")
                : Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The policy has changed",
                    detail: $"{service}'s policy is no longer version {expected}: read it again (its ETag) and retry.");
        context.Response.Headers.ETag = EntityTag.For(changed.Version);
        return Results.Ok(PolicyView.Of(changed));
    }

    private static IResult UnknownService(string service) => Results.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Unknown service", detail: $"The gateway routes to no service called {service}: GET /api/admin/services lists them.");
}
