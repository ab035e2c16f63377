using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>The MassTransit bus on RabbitMQ as every service configures it.</summary>
public static class MessagingExtensions
{
    /// <summary>The Aspire resource name whose connection string (amqp://...) locates the broker.</summary>
    public const string ConnectionName = "messaging";

    /// <summary>"Messaging:PrefetchCount": unset leaves MassTransit's default (twice the cores, at most 16).</summary>
    public const string PrefetchCountKey = "Messaging:PrefetchCount";

    /// <summary>Transient faults (and events that overtook their predecessor) get a few quick retries by default.</summary>
    private static readonly TimeSpan[] QuickRetries = [.. new[] { 100, 250, 500, 1_000, 2_000, 5_000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <param name="retryIntervals">How long to wait before each retry of a failed message; after the last it moves
    /// to the _error queue. Default: six quick retries within about nine seconds.</param>
    public static TBuilder AddPlatformBus<TBuilder>(
        this TBuilder builder, Action<IBusRegistrationConfigurator>? configure = null, TimeSpan[]? retryIntervals = null)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' is missing: run the service from the AppHost.");

        builder.Services.AddMassTransit(bus =>
        {
            // Queues are prefixed with the service name: two services consuming one event each get their own copy.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(builder.Environment.ApplicationName.ToServiceName(), false));
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                // Messages each consumer may hold at once (and so handle at once); MassTransit's default on two cores is 4.
                if (builder.Configuration.GetValue<ushort?>(PrefetchCountKey) is { } prefetch)
                    rabbit.PrefetchCount = prefetch;
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Intervals(retryIntervals ?? QuickRetries);
                    retry.Ignore<PermanentFailureException>();
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>"Platform.UserQuery" becomes "user-query".</summary>
    private static string ToServiceName(this string applicationName) =>
        KebabCaseEndpointNameFormatter.Instance.SanitizeName(applicationName.Replace("Platform.", ""));
}
