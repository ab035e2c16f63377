namespace Platform.Benchmarks.Shapes;

/// <summary>
/// One way to host the same use cases (issue 25): how the AppHost is told to run it, the projects it ships (its own
/// code, for the lines counted), and the route a registration takes in it.
/// </summary>
public sealed record Shape(string Name, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<string> Projects, string RegistrationRoute)
{
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
    public static Shape Monolith { get; } = new("monolith", new Dictionary<string, string> { ["Platform__Shape"] = "Monolith" },
        ["monolith/Platform.Monolith/Platform.Monolith.csproj"], "/api/users");

    /// <summary>The services behind the gateway, over RabbitMQ, with their functions' activator idle at zero.</summary>
    public static Shape Microservices { get; } = new("microservices", new Dictionary<string, string>(), [.. Services, .. Functions], "/api/users");

    /// <summary>
    /// The same run, its registrations through the register-user function, started from zero by the activator and
    /// scaled by requests in flight (ADR 0047): the use case the functions cover. Reads and orders stay with the services.
    /// </summary>
    public static Shape Serverless { get; } = new("serverless", new Dictionary<string, string>(), [.. Services, .. Functions], "/api/functions/register-user");

    public static IReadOnlyList<Shape> All { get; } = [Monolith, Microservices, Serverless];
}
