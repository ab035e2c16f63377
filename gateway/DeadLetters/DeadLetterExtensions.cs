using RabbitMQ.Client;

namespace Platform.Gateway.DeadLetters;

public static class DeadLetterExtensions
{
    /// <summary>
    /// The erasure of users from the dead letters, over AMQP (connection string <c>messaging</c>): without one (a gateway
    /// run on its own) the dead letters are listed and redriven through the management API only.
    /// </summary>
    public static IHostApplicationBuilder AddDeadLetterErasure(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString("messaging") is not { } messaging)
            return builder;
        builder.Services.AddSingleton<IConnectionFactory>(new ConnectionFactory { Uri = new Uri(messaging) });
        builder.Services.AddHostedService<DeadLetterErasure>();
        return builder;
    }
}
