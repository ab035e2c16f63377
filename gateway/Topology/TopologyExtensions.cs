using Platform.ServiceDefaults.Identity;
using Platform.Gateway.Admin;
using Platform.Gateway.DeadLetters;

namespace Platform.Gateway.Topology;

public static class TopologyExtensions
{
    /// <summary>The live topology and what it reads: the service directory, RabbitMQ's management API (queues, dead letters) the event stores' lag, the shards and the functions.</summary>
    public static IHostApplicationBuilder AddTopology(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServiceDirectory>();
        builder.Services.Configure<TopologyOptions>(builder.Configuration.GetSection(TopologyOptions.Section));
        builder.Services.AddHttpClient<RabbitMqApi>();
        builder.Services.AddTransient<RabbitMqManagement>();
        builder.Services.AddTransient<DeadLetterQueues>();
        builder.Services.AddHttpClient<EventStoreLag>().WithServiceToken(); // the projections' progress is a protected route
        builder.Services.AddHttpClient<UserShards>().WithServiceToken(); // so are the shards
        builder.Services.AddHttpClient<ActivatorFunctions>();
        builder.Services.AddTransient<LiveTopology>();
        return builder;
    }
}
