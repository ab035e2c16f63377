using Microsoft.Extensions.DependencyInjection;

namespace Platform.AppHost.Infrastructure.LocalProcesses;

/// <summary>PostgreSQL, RabbitMQ and SMTP as local processes from Debian's packages, for hosts with no container engine.</summary>
public sealed class LocalProcessInfrastructure : IPlatformInfrastructure
{
    private readonly IDistributedApplicationBuilder builder;
    private readonly LocalDataFolder data;
    private readonly IResourceBuilder<LocalPostgresServerResource> postgres;

    public LocalProcessInfrastructure(IDistributedApplicationBuilder builder, InfrastructureOptions options)
    {
        var cloneDirectory = Path.GetDirectoryName(builder.AppHostDirectory.TrimEnd('/'))!;
        this.builder = builder;
        data = LocalDataFolderResolver.Resolve(Path.Combine(builder.AppHostDirectory, options.DataDirectory), cloneDirectory);
        builder.Services.AddSingleton(data); // the supervisor tells the terminal where the data lives

        postgres = builder.AddLocalPostgres("postgres", Path.Combine(data.Path, "postgres"), options.PostgresPort);
        // Added when a shape first asks for it: the monolith has no broker (ADR 0053).
        messaging = new Lazy<IResourceBuilder<LocalRabbitMqResource>>(() =>
            builder.AddLocalRabbitMq("messaging", Path.Combine(data.Path, "rabbitmq"), options.RabbitMqPort, options.RabbitMqManagementPort));
        Mail = builder.CreateResourceBuilder<IMaildirServer>(builder.AddLocalSmtp("mail", Path.Combine(data.Path, "mail"), options.SmtpPort).Resource);
    }

    private readonly Lazy<IResourceBuilder<LocalRabbitMqResource>> messaging;

    public IResourceBuilder<IResourceWithConnectionString> Messaging => builder.CreateResourceBuilder<IResourceWithConnectionString>(messaging.Value.Resource);

    public ReferenceExpression MessagingManagement => messaging.Value.Resource.ManagementUriExpression;

    public IResourceBuilder<IMaildirServer> Mail { get; }

    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string resourceName, string databaseName) =>
        postgres.ApplicationBuilder.CreateResourceBuilder<IResourceWithConnectionString>(
            postgres.AddLocalDatabase(resourceName, databaseName).Resource);

    public IResourceBuilder<IResourceWithConnectionString> AddShard(string serverName, string resourceName, string databaseName) =>
        builder.CreateResourceBuilder<IResourceWithConnectionString>(
            builder.AddLocalPostgres(serverName, Path.Combine(data.Path, serverName), port: null).AddLocalDatabase(resourceName, databaseName).Resource);
}
