using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Platform.AppHost.Infrastructure;
using Platform.AppHost.Supervision;

namespace Platform.AppHost;

/// <summary>
/// The monolith shape (issue 25, ADR 0053), chosen with <c>Platform:Shape=Monolith</c> (<c>./run.sh --monolith</c>):
/// one process, "platform", on the gateway's port, so the same URLs answer. It has the same servers less the broker
/// and the shards' servers: each module's database on the one PostgreSQL server, the users' store on one shard (a
/// database there too), and the SMTP server. Its databases are its own (monolith_*), not the distributed shape's. No gateway, chat or functions: the comparison is of the same work.
/// </summary>
public static class MonolithShape
{
    public const string Name = "Monolith";

    public static bool IsChosen(IConfiguration configuration) =>
        string.Equals(configuration["Platform:Shape"], Name, StringComparison.OrdinalIgnoreCase);

    public static IResourceBuilder<ProjectResource> Add(IDistributedApplicationBuilder builder, IPlatformInfrastructure infrastructure, IdentitySecrets secrets)
    {
        var platform = builder.AddPlatformService<Projects.Platform_Monolith>("platform", builder.Configuration.GetValue<int?>("Gateway:Port"))
            .WithExternalHttpEndpoints()
            .WithReference(infrastructure.Mail).WaitFor(infrastructure.Mail)
            // Measured in the distributed shape: placing 1,024 buckets takes 30-45 s on the first start.
            .WithStartupBound(TimeSpan.FromMinutes(3), "a first start creates the store's tables and places 1,024 buckets");
        // Databases of its own, beside the distributed shape's on the same server: the two shapes share the data
        // folder, and the users' directory names the shards it placed buckets on (their servers, which this shape has not).
        foreach (var (resource, database) in new[]
                 {
                     ("usercommand-db", "usercommand"), ("userquery-db", "userquery"), ("order-db", "order"),
                     ("email-db", "email"), ("analytics-db", "analytics"), ("users-shard-1", "usershard"),
                 })
        {
            var added = infrastructure.AddDatabase(resource, $"monolith_{database}");
            platform.WithReference(added).WaitFor(added);
        }
        var self = platform.GetEndpoint("http");
        return platform
            .WithEnvironment("Sharding__Ring", "users-shard-1")
            .WithEnvironment("Sharding__Spares", "")
            .WithEnvironment("Identity__SigningKey", secrets.SigningKey)
            .WithEnvironment("Identity__AdminClientSecret", secrets.AdminClientSecret)
            .WithEnvironment("Identity__ServicesClientSecret", secrets.ServicesClientSecret)
            .WithEnvironment("Identity__ActivationKey", secrets.ActivationKey)
            .WithEnvironment("Identity__AdminEmails", builder.Configuration["Identity:AdminEmails"] ?? "")
            .WithEnvironment("Plugins__fault-injection__Enabled", builder.Environment.IsDevelopment().ToString()) // as the services have it
            // It is its own issuer, identity server and gateway, and the user-command whose history its read side replays.
            .WithEnvironment("Identity__PublicAddress", self)
            .WithEnvironment("Identity__Issuer", self)
            .WithEnvironment("Identity__Server", self)
            .WithEnvironment("services__user-command__http__0", self);
    }
}

/// <summary>The identity's secrets (ADR 0036), generated on the first run and kept in the AppHost's user secrets.</summary>
public sealed record IdentitySecrets(
    IResourceBuilder<ParameterResource> SigningKey, IResourceBuilder<ParameterResource> ActivationKey,
    IResourceBuilder<ParameterResource> AdminClientSecret, IResourceBuilder<ParameterResource> ServicesClientSecret);
