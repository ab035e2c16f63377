using Platform.AppHost.Infrastructure.LocalProcesses;

namespace Platform.AppHost.Infrastructure.Containers;

/// <summary>
/// PostgreSQL, RabbitMQ and the SMTP server as containers from the Platform's own images (deploy/build-images.sh),
/// with Aspire's PostgreSQL and RabbitMQ integrations around them: their passwords, connection strings, databases
/// and health checks. A run keeps their data in the data folder, as local processes do (a fresh folder is a fresh
/// system, and tests read the mails where they arrive); a published manifest gives them volumes. Docker or podman
/// runs them (ASPIRE_CONTAINER_RUNTIME=podman); the same resources are what the Kubernetes manifests describe
/// (ADR 0028).
/// </summary>
public sealed class ContainerInfrastructure : IPlatformInfrastructure
{
    private readonly IDistributedApplicationBuilder builder;
    private readonly IResourceBuilder<PostgresServerResource> postgres;
    private readonly InfrastructureOptions options;
    private readonly string data;

    public ContainerInfrastructure(IDistributedApplicationBuilder builder, InfrastructureOptions options)
    {
        this.builder = builder;
        this.options = options;
        data = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, options.DataDirectory, "containers"));
        postgres = AddPostgres("postgres", options.PostgresPort);
        var publishing = builder.ExecutionContext.IsPublishMode;

        // Added when a shape first asks for it: the monolith has no broker (ADR 0053).
        messaging = new Lazy<(IResourceBuilder<IResourceWithConnectionString>, ReferenceExpression)>(AddRabbitMq);

        var maildir = Path.Combine(data, "mail", "maildir");
        var mail = builder.AddResource(new SmtpContainerResource("mail", maildir))
            .WithPlatformImage("smtp", options.ImageTag)
            .WithEndpoint(SmtpContainerResource.EndpointName, endpoint =>
            {
                endpoint.UriScheme = "tcp";
                endpoint.Port = options.SmtpPort;
                endpoint.TargetPort = SmtpContainerResource.Port;
            })
            .WithSmtpGreetingCheck();
        if (publishing)
            mail.WithVolume("mail-data", SmtpContainerResource.MaildirTarget);
        else
            mail.WithBindMount(ContainerDataFolder.PrepareMaildir(maildir), SmtpContainerResource.MaildirTarget);
        Mail = builder.CreateResourceBuilder<IMaildirServer>(mail.Resource);
    }

    private readonly Lazy<(IResourceBuilder<IResourceWithConnectionString> Broker, ReferenceExpression Management)> messaging;

    public IResourceBuilder<IResourceWithConnectionString> Messaging => messaging.Value.Broker;

    public ReferenceExpression MessagingManagement => messaging.Value.Management;

    private (IResourceBuilder<IResourceWithConnectionString>, ReferenceExpression) AddRabbitMq()
    {
        // The management plugin is checked against Aspire's own image, so it comes before the Platform's image, which has it.
        var rabbit = builder.AddRabbitMQ("messaging", port: options.RabbitMqPort)
            .WithManagementPlugin(options.RabbitMqManagementPort)
            .WithPlatformImage("rabbitmq", options.ImageTag);
        if (builder.ExecutionContext.IsPublishMode)
            rabbit.WithDataVolume();
        else
            rabbit.WithDataBindMount(ContainerDataFolder.Prepare(Path.Combine(data, "rabbitmq")));
        var management = rabbit.GetEndpoint("management");
        return (builder.CreateResourceBuilder<IResourceWithConnectionString>(rabbit.Resource), ReferenceExpression.Create(
            $"http://{rabbit.Resource.UserNameReference}:{rabbit.Resource.PasswordParameter}@{management.Property(EndpointProperty.Host)}:{management.Property(EndpointProperty.Port)}"));
    }

    public IResourceBuilder<IMaildirServer> Mail { get; }

    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string resourceName, string databaseName) =>
        builder.CreateResourceBuilder<IResourceWithConnectionString>(postgres.AddDatabase(resourceName, databaseName).Resource);

    public IResourceBuilder<IResourceWithConnectionString> AddShard(string serverName, string resourceName, string databaseName) =>
        builder.CreateResourceBuilder<IResourceWithConnectionString>(AddPostgres(serverName, port: null).AddDatabase(resourceName, databaseName).Resource);

    /// <summary>A PostgreSQL server from the Platform's image, its data in a volume when published and in the data folder when run.</summary>
    private IResourceBuilder<PostgresServerResource> AddPostgres(string name, int? port)
    {
        var server = builder.AddPostgres(name, port: port).WithPlatformImage("postgres", options.ImageTag);
        return builder.ExecutionContext.IsPublishMode
            ? server.WithDataVolume()
            : server.WithDataBindMount(ContainerDataFolder.Prepare(Path.Combine(data, name)));
    }
}
