namespace Platform.AppHost.Infrastructure;

/// <summary>The servers every service needs, whichever way they are run.</summary>
public interface IPlatformInfrastructure
{
    /// <summary>The RabbitMQ broker, added when first asked for; services read its amqp:// URI as the "messaging" connection string.</summary>
    IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    /// <summary>RabbitMQ's management API, http://user:password@host:port, which the gateway's topology reads.</summary>
    ReferenceExpression MessagingManagement { get; }

    /// <summary>A real SMTP server; services read its smtp://host:port URI as the "mail" connection string.</summary>
    IResourceBuilder<IMaildirServer> Mail { get; }

    /// <summary>A database of its own for one service, created on the shared PostgreSQL server when it is ready.</summary>
    IResourceBuilder<IResourceWithConnectionString> AddDatabase(string resourceName, string databaseName);

    /// <summary>
    /// A PostgreSQL server of its own (<paramref name="serverName"/>, its data in a folder of its own) with one
    /// database: a shard of user-command's event store (ADR 0040), whose outage, load and restart are its own.
    /// </summary>
    IResourceBuilder<IResourceWithConnectionString> AddShard(string serverName, string resourceName, string databaseName);
}
