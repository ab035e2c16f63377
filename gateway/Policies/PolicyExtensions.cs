using Platform.ServiceDefaults.Migrations;

namespace Platform.Gateway.Policies;

public static class PolicyExtensions
{
    /// <summary>
    /// The control plane's per-service policies, stored in PostgreSQL and in force at once through a configuration
    /// source the proxy reloads from, and the per-client rate limits they set (ADR 0018). A change made through any
    /// gateway instance reaches every other within a second (PostgreSQL LISTEN/NOTIFY).
    /// </summary>
    public static IHostApplicationBuilder AddGatewayPolicies(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("gateway-db");
        builder.AddDatabaseMigrations("gateway", typeof(PolicyStore).Assembly);
        var policyReload = new PolicyReload();
        builder.Configuration.Add(policyReload);
        builder.Services.AddSingleton(policyReload);
        builder.Services.Configure<ServicePolicy>(builder.Configuration.GetSection("Gateway:DefaultPolicy"));
        builder.Services.AddSingleton<IPolicyStore, PolicyStore>();
        builder.Services.AddSingleton<ServicePolicies>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ServicePolicies>());
        builder.Services.AddHostedService<PolicyChangeListener>();
        builder.Services.AddClientRateLimits();
        return builder;
    }
}
