using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>What every Platform service shares: telemetry, health, discovery, resilience, problem details and JSON conventions.</summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        PostgresConnections.ApplyDefaults(builder.Configuration); // before anything reads a connection string
        builder.ConfigurePlatformTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddPlatformProblemDetails();
        builder.Services.TryAddSingleton(TimeProvider.System); // the one clock product code reads (a test may put a fake one first)
        // Enums read as their names in every API ("Charged", not 0).
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.AllowDuplicateProperties = false; // {"email":"a","email":"b"} is ambiguous: 400, not the last one
        });
        builder.Services.AddServiceDiscovery();
        ExitWithParent.AddIfAsked(builder);
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>/health: every check (ready to serve); /alive: the process only (restart if it fails).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        return app;
    }
}
