using MassTransit;
using Platform.ServiceDefaults;
using Platform.UserQuery.Api;
using Platform.UserQuery.Application.ProjectingProfiles;
using Platform.UserQuery.Infrastructure;

namespace Platform.UserQuery;

/// <summary>The users' read side as one module, in its own service or in the monolith (ADR 0053).</summary>
public static class UserQueryModule
{
    public static BusModule Bus { get; } = new(typeof(UserQueryModule).Namespace!, bus => bus.AddConsumers(typeof(UserRegisteredConsumer).Assembly));

    public static IHostApplicationBuilder AddUserQueryModule(this IHostApplicationBuilder builder)
    {
        builder.AddReadModel();
        builder.AddReadModelRebuild();
        return builder;
    }

    public static WebApplication UseUserQueryModule(this WebApplication app)
    {
        app.MapUserQueries();
        app.MapReadModelAdmin();
        return app;
    }
}
