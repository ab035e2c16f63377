using Platform.AppHost.Infrastructure.LocalProcesses;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL and RabbitMQ as Aspire's own container integrations, with data in named volumes. Aspire has no SMTP
/// integration, so the SMTP server is the same local process as in the other mode.
/// </summary>
public sealed class ContainerInfrastructure : IPlatformInfrastructure
{
    private readonly IDistributedApplicationBuilder builder;
    private readonly IResourceBuilder<PostgresServerResource> postgres;

    public ContainerInfrastructure(IDistributedApplicationBuilder builder, InfrastructureOptions options)
    {
        this.builder = builder;
        postgres = builder.AddPostgres("postgres", port: options.PostgresPort).WithDataVolume();
        var rabbit = builder.AddRabbitMQ("messaging", port: options.RabbitMqPort).WithDataVolume()
            .WithManagementPlugin(options.RabbitMqManagementPort);
        Messaging = builder.CreateResourceBuilder<IResourceWithConnectionString>(rabbit.Resource);
        var management = rabbit.GetEndpoint("management");
        MessagingManagement = ReferenceExpression.Create(
            $"http://{rabbit.Resource.UserNameReference}:{rabbit.Resource.PasswordParameter}@{management.Property(EndpointProperty.Host)}:{management.Property(EndpointProperty.Port)}");
        Mail = builder.AddLocalSmtp("mail", Path.GetFullPath(Path.Combine(builder.AppHostDirectory, options.DataDirectory, "mail")), options.SmtpPort);
    }

    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    public ReferenceExpression MessagingManagement { get; }

    public IResourceBuilder<LocalSmtpResource> Mail { get; }

    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string resourceName, string databaseName) =>
        builder.CreateResourceBuilder<IResourceWithConnectionString>(postgres.AddDatabase(resourceName, databaseName).Resource);
}
