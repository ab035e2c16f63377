namespace Platform.Benchmarks.Shapes;

/// <summary>
/// One way to host the same use cases (issue 25): how the AppHost is told to run it, the projects it ships (its own
/// code, for the lines counted), the route a registration takes in it, and the part a crash is measured on: the one that
/// serves registrations.
/// </summary>
public sealed record Shape(string Name, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<string> Projects, string RegistrationRoute, Shape.CrashTarget Victim)
{
    /// <param name="Process">The process name (<see cref="ShapeFootprint"/>'s part).</param>
    public sealed record CrashTarget(string Process, string Description);

    /// <summary>Every shape runs with the restart policy an orchestrator gives it in production (Kubernetes restarts a crashed pod).</summary>
    private static readonly Dictionary<string, string> Restarted = new() { ["Supervision__RestartExitedServices"] = "true" };

    private static readonly string[] Services =
    [
        "services/UserCommand/Platform.UserCommand.csproj", "services/UserQuery/Platform.UserQuery.csproj",
        "services/Order/Platform.Order.csproj", "services/Email/Platform.Email.csproj",
        "services/Analytics/Platform.Analytics.csproj", "services/Chat/Platform.Chat.csproj", "gateway/Platform.Gateway.csproj",
    ];

    private static readonly string[] Functions =
    [
        "functions/Activator/Platform.Functions.Activator.csproj", "functions/RegisterUser/Platform.Functions.RegisterUser.csproj",
        "functions/SendWelcomeMail/Platform.Functions.SendWelcomeMail.csproj",
    ];

    /// <summary>The five modules in one process on an in-memory bus, on the gateway's port (ADR 0053).</summary>
    public static Shape Monolith { get; } = new("monolith", new Dictionary<string, string>(Restarted) { ["Platform__Shape"] = "Monolith" },
        ["monolith/Platform.Monolith/Platform.Monolith.csproj"], "/api/users", new("Platform.Monolith", "the one process"));

    /// <summary>The services behind the gateway, over RabbitMQ, with their functions' activator idle at zero.</summary>
    public static Shape Microservices { get; } = new("microservices", Restarted, [.. Services, .. Functions], "/api/users",
        new("Platform.UserCommand", "user-command, the registrations' service"));

    /// <summary>
    /// The same run, its registrations through the register-user function, started from zero by the activator and
    /// scaled by requests in flight (ADR 0047): the use case the functions cover. Reads and orders stay with the services.
    /// </summary>
    public static Shape Serverless { get; } = new("serverless", Restarted, [.. Services, .. Functions], "/api/functions/register-user",
        new("Platform.Functions.RegisterUser", "the register-user function's instances"));

    public static IReadOnlyList<Shape> All { get; } = [Monolith, Microservices, Serverless];
}
