namespace Platform.AppHost.Infrastructure;

/// <summary>The servers every service needs, whichever way they are run.</summary>
public interface IPlatformInfrastructure
{
    /// <summary>The RabbitMQ broker; services read its amqp:// URI as the "messaging" connection string.</summary>
    IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    /// <summary>RabbitMQ's management API, http://user:password@host:port, which the gateway's topology reads.</summary>
    ReferenceExpression MessagingManagement { get; }

    /// <summary>A real SMTP server; services read its smtp://host:port URI as the "mail" connection string.</summary>
    IResourceBuilder<IMaildirServer> Mail { get; }

    /// <summary>A database of its own for one service, created on the shared PostgreSQL server when it is ready.</summary>
    IResourceBuilder<IResourceWithConnectionString> AddDatabase(string resourceName, string databaseName);
}
