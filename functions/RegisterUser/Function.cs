using Platform.ServiceDefaults;
using Platform.UserCommand.Api;
using Platform.UserCommand.Infrastructure;
using Platform.UserCommand.Infrastructure.Identity;
using Platform.UserCommand.Infrastructure.Plugins;

namespace Platform.Functions.RegisterUser;

/// <summary>
/// The register-user function (issue 23, ADR 0046): POST / registers a user, as user-command's POST /api/users does,
/// with the same handler, hooks, directory and sharded store, and answers 201 {"id"}, or 400 and 409 problem+json.
/// The welcome mail follows through the store's outbox, which user-command's daemon forwards. A host this thin starts
/// fast: it writes the store as a <see cref="UserStoreRole.Writer"/> (no daemon, no schema, no placement of its own),
/// reads the directory once, and stops on SIGTERM.
/// </summary>
public static class Function
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.AddServiceDefaults();
        builder.AddUserEventStore(UserStoreRole.Writer);
        builder.AddUserAccounts();
        builder.AddRegistrationPlugins();
        builder.AddRegistration();

        var app = builder.Build();
        app.UsePlatformProblemDetails();
        app.MapDefaultEndpoints();
        app.MapRegistration("/");
        app.Run();
    }
}
