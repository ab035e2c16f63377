using Microsoft.Extensions.Configuration;
using Platform.AppHost.Infrastructure.Containers;
using Platform.AppHost.Infrastructure.LocalProcesses;

namespace Platform.AppHost.Infrastructure;

public static class PlatformInfrastructureExtensions
{
    public static IPlatformInfrastructure AddPlatformInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Infrastructure").Get<InfrastructureOptions>() ?? new();
        return InfrastructureModeDetection.Resolve(options.Mode) switch
        {
            InfrastructureMode.Containers => new ContainerInfrastructure(builder, options),
            _ => new LocalProcessInfrastructure(builder, options),
        };
    }
}
