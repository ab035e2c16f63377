using Microsoft.AspNetCore.Builder;

namespace Platform.ServiceDefaults;

public static class ServicePipeline
{
    /// <summary>
    /// What every service's HTTP side begins with: failures as problem+json, the caller's token checked (each service
    /// checks it, not only the gateway), its OpenAPI document, and its health. The service maps its own routes after.
    /// </summary>
    public static WebApplication UsePlatformService(this WebApplication app)
    {
        app.UsePlatformProblemDetails();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapDefaultEndpoints();
        return app;
    }
}
