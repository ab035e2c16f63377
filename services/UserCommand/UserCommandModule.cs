using Platform.EventStore.History;
using Platform.EventStore.Progress;
using Platform.ServiceDefaults;
using Platform.UserCommand.Api;
using Platform.UserCommand.Infrastructure;
using Platform.UserCommand.Infrastructure.Identity;
using Platform.UserCommand.Infrastructure.Plugins;

namespace Platform.UserCommand;

/// <summary>
/// The users' write side as one module: what its own service hosts, and the monolith with the others (ADR 0053), so the
/// two shapes cannot drift. The host adds what a process has once: defaults, authorization, OpenAPI, the bus.
/// </summary>
public static class UserCommandModule
{
    /// <summary>It consumes nothing: its events leave through its store's outbox.</summary>
    public static BusModule Bus { get; } = new(typeof(UserCommandModule).Namespace!, _ => { });

    public static IHostApplicationBuilder AddUserCommandModule(this IHostApplicationBuilder builder)
    {
        builder.AddUserEventStore(); // the default Marten store and data source of a process that hosts it
        builder.AddAuthorizationServer();
        builder.AddRegistrationPlugins();
        builder.AddUserCommandApi();
        return builder;
    }

    public static WebApplication UseUserCommandModule(this WebApplication app)
    {
        app.UseAntiforgery(); // the sign-in page's form
        app.MapUserCommands();
        app.MapAccounts();
        app.MapTokenEndpoint();
        app.MapSignIn();
        app.MapPluginAdmin();
        app.MapShardAdmin();
        app.MapEventStoreProgress();
        app.MapEventStoreHistory(formerRoutes: "/api/admin/events");
        return app;
    }
}
