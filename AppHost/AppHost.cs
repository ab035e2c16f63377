using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Platform.AppHost;
using Platform.AppHost.Infrastructure;
using Platform.AppHost.Supervision;

var builder = DistributedApplication.CreateBuilder(args);

// A resource that fails while starting stops the run with its log lines; a healthy start prints where to go (ADR 0006).
builder.AddStartupSupervision();

// Real PostgreSQL and RabbitMQ: containers where an engine runs, local processes elsewhere (ADR 0002).
var infrastructure = builder.AddPlatformInfrastructure();

// The identity's secrets (ADR 0036), generated on the first run and kept in the AppHost's user secrets like the admin
// key: the one the server's signing and encryption keys derive from, the one activation codes derive from, and the
// confidential clients' secrets (./admin-token.sh reads the admin client's).
var identitySigningKey = SecretParameter(builder, SecretParameters.IdentitySigningKey);
var activationKey = SecretParameter(builder, SecretParameters.ActivationKey);
var adminClientSecret = SecretParameter(builder, SecretParameters.AdminClientSecret);
var servicesClientSecret = SecretParameter(builder, SecretParameters.ServicesClientSecret);

// The same modules in one process instead (./run.sh --monolith, ADR 0053).
if (MonolithShape.IsChosen(builder.Configuration))
{
    MonolithShape.Add(builder, infrastructure, new IdentitySecrets(identitySigningKey, activationKey, adminClientSecret, servicesClientSecret));
    return await builder.Build().RunSupervisedAsync();
}

var messaging = infrastructure.Messaging;
var userCommandDb = infrastructure.AddDatabase("usercommand-db", "usercommand");
var userQueryDb = infrastructure.AddDatabase("userquery-db", "userquery");
var emailDb = infrastructure.AddDatabase("email-db", "email");
var orderDb = infrastructure.AddDatabase("order-db", "order");
var gatewayDb = infrastructure.AddDatabase("gateway-db", "gateway");
var analyticsDb = infrastructure.AddDatabase("analytics-db", "analytics");
var chatDb = infrastructure.AddDatabase("chat-db", "chat");
var mail = infrastructure.Mail;

// The users' event store is spread over PostgreSQL servers of their own (ADR 0040): Sharding:RingShards on the
// consistent-hash ring (3), and Sharding:Spares more that a rebalance can add (1). user-command's own database on the
// main server is the directory that says which shard holds each bucket of users.
var ringShards = builder.Configuration.GetValue("Sharding:RingShards", 3);
var shards = Enumerable.Range(1, ringShards + builder.Configuration.GetValue("Sharding:Spares", 1))
    .Select(n => infrastructure.AddShard($"postgres-shard-{n}", $"users-shard-{n}", "usercommand"))
    .ToList();

// Analytics declares its log (a RabbitMQ stream bound to the events' exchanges) before it is healthy; the services
// that publish those events wait for it, so the log has every event from the first (ADR 0020).
var analytics = builder.AddPlatformService<Projects.Platform_Analytics>("analytics")
    .WithReference(analyticsDb).WaitFor(analyticsDb)
    .WithReference(messaging).WaitFor(messaging);
analytics.WithSettingsOf(builder.Configuration, "Analytics:Batch"); // the batch layer's schedule, for a test run

var userCommand = WithUserStore(builder.AddPlatformService<Projects.Platform_UserCommand>("user-command"))
    .WithEnvironment("Identity__SigningKey", identitySigningKey)
    .WithEnvironment("Identity__AdminClientSecret", adminClientSecret)
    .WithEnvironment("Identity__ServicesClientSecret", servicesClientSecret)
    .WithReference(messaging).WaitFor(messaging)
    .WaitFor(analytics)
    // Measured: 30 s to place the buckets on a quiet machine, 43 s beside a build, and more to create the shards' tables.
    .WithStartupBound(TimeSpan.FromMinutes(3), "a first start creates the shards' tables and places 1,024 buckets");

var email = builder.AddPlatformService<Projects.Platform_Email>("email")
    .WithReference(emailDb).WaitFor(emailDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(mail).WaitFor(mail);

// The functions' activator (issue 23, ADR 0047) starts their instances on demand, each with the activator's
// environment: the register-user function writes the users' store as user-command does, and send-welcome-mail (started
// while its queue has messages) shares the email service's mail log and SMTP server, so the activator gets what both
// services get. Locally only: a deployment has no activator yet.
IResourceBuilder<ProjectResource>? functions = null, registerUser = null;
if (!builder.ExecutionContext.IsPublishMode)
{
    functions = WithUserStore(builder.AddPlatformService<Projects.Platform_Functions_Activator>("functions"))
        .WithEnvironment("Functions__register-user__Assembly", FunctionAssembly(new Projects.Platform_Functions_RegisterUser()))
        .WithEnvironment("Functions__send-welcome-mail__Assembly", FunctionAssembly(new Projects.Platform_Functions_SendWelcomeMail()))
        .WithEnvironment("Functions__send-welcome-mail__Queue", "send-welcome-mail") // the function's own queue (Function.Queue)
        // One instance at most: the email service sends the same mails, and on a machine of a few cores each more
        // instance costs its start's JIT (1-2 s of CPU) and buys nothing (ADR 0058). Functions__send-welcome-mail__MaxInstances=4 ./run.sh scales out.
        .WithEnvironment("Functions__send-welcome-mail__MaxInstances", "1")
        .WithReference(messaging).WithReference(emailDb).WithReference(mail)
        .WithEnvironment("Activator__RabbitMqManagement", infrastructure.MessagingManagement) // a queue's deliveries, so a trickle keeps its function
        .WithReference(userCommand).WaitFor(userCommand) // it creates the store's schema and places its buckets; its keys check admin tokens
        .WaitFor(email); // the email service migrates the mail log
    functions.WithSettingsOf(builder.Configuration, "Functions"); // a test's shorter windows
}
else
{
    // A deployment runs each function as a workload of its own, which the cluster's engine scales (deploy/kubernetes/
    // serverless: Knative for HTTP, KEDA for a queue). Function__* says how; the deployment tool reads it off the
    // manifest and gives it to the engine, never to the function.
    registerUser = WithUserStore(Function(builder.AddPlatformService<Projects.Platform_Functions_RegisterUser>("register-user"), "http"));
    Function(builder.AddPlatformService<Projects.Platform_Functions_SendWelcomeMail>("send-welcome-mail"), "queue")
        .WithEnvironment("Function__Queue", "send-welcome-mail") // the function's own queue (Function.Queue)
        .WithReference(messaging).WithReference(emailDb).WithReference(mail)
        .WaitFor(email);
}

// The read side runs as several instances behind the gateway, which balances and retries across them (ADR 0016).
var userQuery = builder.AddPlatformServiceInstances<Projects.Platform_UserQuery>("user-query",
    builder.Configuration.GetValue("Replicas:UserQuery", 2), instance => instance
        .WithReference(userCommand) // rebuilds replay the event store through user-command (ADR 0012)
        .WithReference(userQueryDb).WaitFor(userQueryDb)
        .WithReference(messaging).WaitFor(messaging));

var order = builder.AddPlatformService<Projects.Platform_Order>("order")
    .WithReference(orderDb).WaitFor(orderDb)
    .WithReference(messaging).WaitFor(messaging)
    .WaitFor(analytics);

// The chat runs as several instances (issue 24, ADR 0050): each room is a stream in the chat's own store; a client may
// reach any instance, and the gateway balances across them. Its tokens are checked with user-command's keys. The
// instances push to their own connections what each hears on its own endpoint of the bus (ADR 0051).
var chat = builder.AddPlatformServiceInstances<Projects.Platform_Chat>("chat",
    builder.Configuration.GetValue("Replicas:Chat", 2), instance => instance
        .WithReference(chatDb).WaitFor(chatDb)
        .WithReference(messaging).WaitFor(messaging)
        .WithReference(userCommand).WaitFor(userCommand));
// A second instance starts once the first has applied the store's schema.
foreach (var (instance, previous) in chat.Skip(1).Zip(chat))
    instance.WaitFor(previous);

// The batch layer recomputes from the event stores' history (ADR 0021): a reference only, since they wait for analytics.
analytics.WithReference(userCommand).WithReference(order);

// The only public entry point besides the dashboard: a fixed, documented port (tests leave it empty: any free port).
var gateway = builder.AddPlatformService<Projects.Platform_Gateway>("gateway", builder.Configuration.GetValue<int?>("Gateway:Port"))
    .WithExternalHttpEndpoints()
    .WithReference(gatewayDb).WaitFor(gatewayDb)
    .WithEnvironment("Gateway__Topology__RabbitMqManagement", infrastructure.MessagingManagement) // queues for /topology
    .WithReference(messaging).WaitFor(messaging) // erasure in the dead letters (ADR 0038)
    .WithReference(userCommand).WaitFor(userCommand)
    .WithClusterOf("user-query", userQuery)
    .WithClusterOf("chat", chat)
    .WithReference(email).WaitFor(email)
    .WithReference(order).WaitFor(order)
    .WithReference(analytics).WaitFor(analytics);
if (functions is not null)
    gateway.WithReference(functions).WaitFor(functions)
        .WithEnvironment("Gateway__Topology__Functions", functions.Resource.Name); // the functions' instances for /topology
// Deployed, the function is reached at its own service rather than through the activator. Its one route is its root:
// a path without braces, which the manifest would read as a reference.
if (registerUser is not null)
    gateway.WithReference(registerUser)
        .WithEnvironment("ReverseProxy__Routes__register-user__ClusterId", "register-user")
        .WithEnvironment("ReverseProxy__Routes__register-user__Match__Path", "/api/functions/register-user")
        .WithEnvironment("ReverseProxy__Routes__register-user__Transforms__0__PathSet", "/")
        .WithEnvironment("ReverseProxy__Routes__register-user__Metadata__HonoursIdempotencyKeys", "true")
        .WithEnvironment("ReverseProxy__Clusters__register-user__Destinations__primary__Address", "http://register-user");

// The issuer of every token, and where activation links point: the gateway's public address (ADR 0036). Every service
// and the gateway check tokens against it, with the keys they read from user-command; those that call another
// service's protected routes (the history, the projections' progress) do so with the services' client credentials.
userCommand.WithEnvironment("Identity__PublicAddress", gateway.GetEndpoint("http"))
    .WithEnvironment("Identity__Server", userCommand.GetEndpoint("http")); // it reads its own keys where the others do: at itself
foreach (var writer in new[] { functions, registerUser }.OfType<IResourceBuilder<ProjectResource>>())
    writer.WithEnvironment("Identity__PublicAddress", gateway.GetEndpoint("http"));
foreach (var checker in (IResourceBuilder<ProjectResource>[])[userCommand, .. userQuery, email, order, analytics, .. chat, gateway])
    checker.WithEnvironment("Identity__Issuer", gateway.GetEndpoint("http"));
email.WithReference(userCommand); // the others reference it already
order.WithReference(userCommand);
foreach (var caller in (IResourceBuilder<ProjectResource>[])[.. userQuery, analytics, gateway])
    caller.WithEnvironment("Identity__ServicesClientSecret", servicesClientSecret);

return await builder.Build().RunSupervisedAsync();

// What writes the users' store needs, user-command and the functions' activator alike: the directory, every shard and
// the ring, the key activation codes derive from, and the registration's plugins.
IResourceBuilder<ProjectResource> WithUserStore(IResourceBuilder<ProjectResource> writer)
{
    writer.WithEnvironment("Identity__ActivationKey", activationKey)
        // The operators: accounts registered with these addresses (comma-separated) are admins.
        .WithEnvironment("Identity__AdminEmails", builder.Configuration["Identity:AdminEmails"] ?? "")
        // In Development, the plugin that throws or hangs on request ("#throw", "#hang" in a name) shows the kernel surviving it.
        .WithEnvironment("Plugins__fault-injection__Enabled", builder.Environment.IsDevelopment().ToString())
        .WithReference(userCommandDb).WaitFor(userCommandDb)
        .WithEnvironment("Sharding__Ring", string.Join(',', shards.Take(ringShards).Select(shard => shard.Resource.Name)))
        .WithEnvironment("Sharding__Spares", string.Join(',', shards.Skip(ringShards).Select(shard => shard.Resource.Name)));
    foreach (var shard in shards)
        writer.WithReference(shard).WaitFor(shard);
    return writer;
}

// A function as a deployment runs it: its trigger ("http" or "queue"), and its scaling, if this run's configuration
// (Functions:{name}) sets any: TargetConcurrency, StableWindow, ScaleToZeroGrace, MaxInstances, QueueLength.
IResourceBuilder<ProjectResource> Function(IResourceBuilder<ProjectResource> function, string trigger)
{
    function.WithEnvironment("Function__Trigger", trigger);
    foreach (var setting in builder.Configuration.GetSection($"Functions:{function.Resource.Name}").AsEnumerable(makePathsRelative: true).Where(setting => setting.Value is not null))
        function.WithEnvironment($"Function__{setting.Key}", setting.Value);
    return function;
}

// A function's built assembly, beside its project, in the configuration the AppHost itself was built in.
static string FunctionAssembly(IProjectMetadata function)
{
#if DEBUG
    const string configuration = "Debug";
#else
    const string configuration = "Release";
#endif
    var project = function.ProjectPath;
    return Path.Combine(Path.GetDirectoryName(project)!, "bin", configuration, "net10.0", Path.GetFileNameWithoutExtension(project) + ".dll");
}

static IResourceBuilder<ParameterResource> SecretParameter(IDistributedApplicationBuilder builder, string name) =>
    builder.AddParameter(name, new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);
