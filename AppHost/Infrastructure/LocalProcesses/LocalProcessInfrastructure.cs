namespace Platform.AppHost.Infrastructure.LocalProcesses;

/// <summary>PostgreSQL and RabbitMQ as local processes from Debian's packages, for hosts with no container engine.</summary>
public sealed class LocalProcessInfrastructure : IPlatformInfrastructure
{
    private readonly IResourceBuilder<LocalPostgresServerResource> postgres;

    public LocalProcessInfrastructure(IDistributedApplicationBuilder builder, InfrastructureOptions options)
    {
        var dataDirectory = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, options.DataDirectory));
        postgres = builder.AddLocalPostgres("postgres", Path.Combine(dataDirectory, "postgres"), options.PostgresPort);
        var rabbit = builder.AddLocalRabbitMq("messaging", Path.Combine(dataDirectory, "rabbitmq"), options.RabbitMqPort);
        Messaging = builder.CreateResourceBuilder<IResourceWithConnectionString>(rabbit.Resource);
    }

    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string resourceName, string databaseName) =>
        postgres.ApplicationBuilder.CreateResourceBuilder<IResourceWithConnectionString>(
            postgres.AddLocalDatabase(resourceName, databaseName).Resource);
}
