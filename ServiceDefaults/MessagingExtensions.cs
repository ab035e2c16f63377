using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>
/// The MassTransit bus as every service configures it: on RabbitMQ, or in memory (<see cref="TransportKey"/>) for a
/// process that hosts several modules and has no broker (the monolith shape, issue 25).
/// </summary>
public static class MessagingExtensions
{
    /// <summary>The Aspire resource name whose connection string (amqp://...) locates the broker.</summary>
    public const string ConnectionName = "messaging";

    /// <summary>"Messaging:PrefetchCount": unset leaves MassTransit's default (twice the cores, at most 16).</summary>
    public const string PrefetchCountKey = "Messaging:PrefetchCount";

    /// <summary>"Messaging:Transport": RabbitMq (the default) or InMemory.</summary>
    public const string TransportKey = "Messaging:Transport";

    public const string InMemory = "InMemory";

    /// <summary>Transient faults (and events that overtook their predecessor) get a few quick retries by default.</summary>
    private static readonly TimeSpan[] QuickRetries = [.. new[] { 100, 250, 500, 1_000, 2_000, 5_000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <param name="retryIntervals">How long to wait before each retry of a failed message; after the last it moves
    /// to the _error queue. Default: six quick retries within about nine seconds.</param>
    public static TBuilder AddPlatformBus<TBuilder>(
        this TBuilder builder, Action<IBusRegistrationConfigurator>? configure = null, TimeSpan[]? retryIntervals = null)
        where TBuilder : IHostApplicationBuilder =>
        builder.AddPlatformBus(new BusModule(builder.Environment.ApplicationName, configure ?? (_ => { }), retryIntervals));

    /// <summary>
    /// One bus for the given modules. On RabbitMQ a process is one service: its queues are prefixed with the service's
    /// name, so two services consuming one event each get their own copy. In memory, the modules share the process:
    /// each endpoint is named by its consumer's full name, so two modules' consumers of one event (user-query's and
    /// email's <c>UserErasedConsumer</c>) get an endpoint each, and each endpoint retries by its own module's waits.
    /// </summary>
    public static TBuilder AddPlatformBus<TBuilder>(this TBuilder builder, params BusModule[] modules) where TBuilder : IHostApplicationBuilder
    {
        var inMemory = string.Equals(builder.Configuration[TransportKey], InMemory, StringComparison.OrdinalIgnoreCase);
        if (!inMemory && modules.Length != 1)
            throw new InvalidOperationException($"A bus on RabbitMQ serves one service; {modules.Length} modules need {TransportKey}={InMemory}.");
        if (inMemory)
            WaitForTheBus(builder.Services);
        builder.Services.AddMassTransit(bus =>
        {
            foreach (var module in modules)
                module.Register(bus);
            if (inMemory)
                InMemoryBus(bus, modules);
            else
                RabbitMqBus(builder, bus, modules[0]);
        });
        return builder;
    }

    private static void RabbitMqBus(IHostApplicationBuilder builder, IBusRegistrationConfigurator bus, BusModule module)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' is missing: run the service from the AppHost.");
        // Named after the process (its service), whatever its module's namespace: the queues keep their names.
        bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(builder.Environment.ApplicationName.ToServiceName(), false));
        bus.UsingRabbitMq((context, rabbit) =>
        {
            rabbit.Host(new Uri(connectionString));
            // Messages each consumer may hold at once (and so handle at once); MassTransit's default on two cores is 4.
            if (builder.Configuration.GetValue<ushort?>(PrefetchCountKey) is { } prefetch)
                rabbit.PrefetchCount = prefetch;
            rabbit.UseMessageRetry(retry => Retry(retry, module.Retries));
            rabbit.ConfigureEndpoints(context);
        });
    }

    private static void InMemoryBus(IBusRegistrationConfigurator bus, BusModule[] modules)
    {
        bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(includeNamespace: true));
        bus.AddConfigureEndpointsCallback((name, endpoint) =>
        {
            var module = modules.FirstOrDefault(module => name.StartsWith(module.EndpointPrefix, StringComparison.Ordinal));
            endpoint.UseMessageRetry(retry => Retry(retry, module?.Retries));
        });
        bus.UsingInMemory((context, memory) => memory.ConfigureEndpoints(context));
    }

    /// <summary>
    /// In memory a message published before its receive endpoints are bound is lost, not queued: the host's start
    /// waits for the bus, so the stores' outbox forwarders (started after it) never publish into nothing.
    /// </summary>
    private static void WaitForTheBus(IServiceCollection services) =>
        services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);

    private static void Retry(IRetryConfigurator retry, TimeSpan[]? intervals)
    {
        retry.Intervals(intervals ?? QuickRetries);
        retry.Ignore<PermanentFailureException>();
    }

    /// <summary>"Platform.UserQuery" becomes "user-query".</summary>
    private static string ToServiceName(this string applicationName) =>
        KebabCaseEndpointNameFormatter.Instance.SanitizeName(applicationName.Replace("Platform.", ""));
}
