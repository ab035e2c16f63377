using Platform.Analytics;
using Platform.Email;
using Platform.Ordering;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.OpenApi;
using Platform.UserCommand;
using Platform.UserQuery;

namespace Platform.Monolith;

/// <summary>
/// The monolith shape (issue 25, ADR 0053): the modules five services host, in one process. What a process has once
/// is added once here: the defaults, token checks, OpenAPI and one bus, in memory, that carries each module's
/// consumers on endpoints of their own. Each module keeps its own database and, for those with events, its own
/// Marten store, outbox and forwarder. The routes are the gateway's: the same requests get the same answers.
/// </summary>
public static class Monolith
{
    public static void Main(string[] args) => Build(args).Run();

    /// <summary>The process, built and not started: what <see cref="Main"/> runs, and what a wiring test inspects.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddInMemoryCollection([new(MessagingExtensions.TransportKey, MessagingExtensions.InMemory)]); // no broker, whatever else says
        builder.AddServiceDefaults();
        builder.AddPlatformAuthorization();
        builder.Services.AddPlatformOpenApi();
        // The bus first: its start (awaited in memory) comes before the stores' forwarders, which publish on it.
        builder.AddPlatformBus(UserCommandModule.Bus, UserQueryModule.Bus, OrderModule.Bus, EmailModule.Bus, AnalyticsModule.InProcessBus);
        builder.AddUserCommandModule(); // the default Marten store and data source: the users'
        builder.AddUserQueryModule();
        builder.AddOrderModule();
        builder.AddEmailModule();
        builder.AddInProcessAnalyticsModule();

        var app = builder.Build();
        app.UsePlatformService();
        app.UseUserCommandModule();
        app.UseUserQueryModule();
        app.UseOrderModule(eventStoreRoutes: OrderModule.SharedProcessRoutes);
        app.UseEmailModule();
        app.UseInProcessAnalyticsModule();
        return app;
    }
}
