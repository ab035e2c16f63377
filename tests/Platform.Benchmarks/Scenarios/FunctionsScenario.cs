using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// ./bench.sh functions (issue 23): the register-user function against user-command's registration, the same use case,
/// both through the gateway. Cold starts: the activator's window and grace for the function are shortened to 1 s (an
/// admin's PATCH, put back after), so that before each of 20 registrations the function is back at zero and the
/// registration starts a new process: request → instance ready (the activator's measure) → first byte. Then warm
/// latency and throughput beside the service, the memory of an idle instance and of none, and the welcome mail's
/// end-to-end delay when the queue-triggered send-welcome-mail starts from zero, beside the email service's
/// (<see cref="WelcomeMailDelay"/>).
/// </summary>
public sealed class FunctionsScenario : IScenario
{
    private const int ColdStarts = 20;
    private const int MailRounds = 10;
    private const int Clients = 8;
    private const string Function = "register-user";
    private const string MailFunction = "send-welcome-mail";
    private static readonly TimeSpan AtZeroWithin = TimeSpan.FromSeconds(60);
    private readonly List<Section> sections = [];

    public string Name => "functions";

    public bool OnRequest => true;

    public IReadOnlyList<Section> Sections => sections;

    public int Steps(BenchmarkOptions options) => 5;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(RunningSystem system, BenchmarkOptions options, ScenarioProgress progress)
    {
        var activator = system.Service("functions")
            ?? throw new BenchmarkSetupException("No functions activator in the running system: ./run.sh starts it (local mode only).");
        using var admin = new HttpClient { BaseAddress = activator, Timeout = TimeSpan.FromSeconds(30) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AdminToken.MintAsync(system.Gateway));
        var functions = new Functions(system.Http, system.Gateway);
        var original = await functions.ViewAsync(Function);
        var originalMail = await functions.ViewAsync(MailFunction);
        var runId = Guid.NewGuid().ToString("N")[..8];
        try
        {
            progress.Step($"{ColdStarts} cold starts of {Function}, its window and grace at 1 s");
            await RescaleAsync(admin, Function, new { stableWindowSeconds = 1, scaleToZeroGraceSeconds = 1 });
            var ready = new List<double>();
            var firstByte = new List<double>();
            for (var i = 0; i < ColdStarts; i++)
            {
                await functions.AtZeroAsync(Function, AtZeroWithin);
                var clock = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.Gateway, $"/api/functions/{Function}"))
                {
                    Content = JsonContent.Create(new { name = "Cold Start", email = $"cold-{runId}-{i}@bench.example" }),
                };
                using var response = await system.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                firstByte.Add(clock.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"a cold registration through the function was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                ready.Add((await functions.ViewAsync(Function)).GetProperty("lastColdStartMs").GetDouble());
            }

            progress.Step($"warm: {Clients} clients, {options.Duration.TotalSeconds:0} s each, the function and the service");
            await RescaleAsync(admin, Function, Scaling(original));
            var function = await LoadResult.RunAsync(Clients, options.Duration, (worker, i) =>
                RegisterAsync(system.Http, new Uri(system.Gateway, $"/api/functions/{Function}"), $"warm-fn-{runId}-{worker}-{i}@bench.example"));
            var service = await LoadResult.RunAsync(Clients, options.Duration, (worker, i) =>
                RegisterAsync(system.Http, new Uri(system.Gateway, "/api/users"), $"warm-svc-{runId}-{worker}-{i}@bench.example"));

            progress.Step("memory: idle instances, and none");
            await Task.Delay(TimeSpan.FromSeconds(3)); // the load's garbage collected
            bool IsInstance(int process) => Environ(process).Contains($"service.instance.id={Function}-", StringComparison.Ordinal);
            var instancesMb = ResidentMegabytes(IsInstance);
            // The service's own process (not `dotnet run`, which started it and waits).
            var serviceMb = ResidentMegabytes(process => CommandLine(process) is var line
                && line.Contains("Platform.UserCommand", StringComparison.Ordinal) && !line.Contains(".csproj", StringComparison.Ordinal));
            await RescaleAsync(admin, Function, new { stableWindowSeconds = 1, scaleToZeroGraceSeconds = 1 });
            await functions.AtZeroAsync(Function, AtZeroWithin);
            var scaledToZero = Stopwatch.StartNew(); // the activator stopped the instance; its process finishes and exits
            await Until.TrueAsync(() => Task.FromResult(ResidentMegabytes(IsInstance) == 0), TimeSpan.FromSeconds(20), $"no {Function} process left");
            var exitedMs = scaledToZero.Elapsed.TotalMilliseconds;

            progress.Step($"welcome mails, {MailRounds} by the email service and {MailRounds} by {MailFunction} from zero");
            await RescaleAsync(admin, MailFunction, new { scaleToZeroGraceSeconds = 1 });
            await using var mails = new WelcomeMailDelay(options, system.Http, system.Gateway);
            await QuietAsync(functions);
            var byService = new List<double>();
            for (var i = 0; i < MailRounds; i++)
                byService.Add(await mails.MeasureAsync($"mail-svc-{runId}-{i}@bench.example"));
            var byFunction = new List<double>();
            var spawnToReady = new List<double>();
            await using (await mails.DetachEmailServiceAsync())
            {
                for (var i = 0; i < MailRounds; i++)
                {
                    var startsBefore = await QuietAsync(functions);
                    byFunction.Add(await mails.MeasureAsync($"mail-fn-{runId}-{i}@bench.example"));
                    var view = await functions.ViewAsync(MailFunction);
                    if (ColdStartsOf(view) != startsBefore + 1)
                        throw new InvalidOperationException($"{MailFunction} started {ColdStartsOf(view) - startsBefore} times for one mail");
                    spawnToReady.Add(view.GetProperty("lastColdStartMs").GetDouble());
                }
            }

            progress.Step("putting the settings back");
            sections.Add(new Section($"Functions: {Function} from zero ({ColdStarts} cold starts) and idle",
                ["measure", "p50", "max", "note"],
                [
                    ["cold: request → instance ready (ms)", Ms(Percentile.Of([.. ready.Order()], 50)), Ms(ready.Max()), "the activator's spawn → first 200 from /health"],
                    ["cold: request → first byte (ms)", Ms(Percentile.Of([.. firstByte.Order()], 50)), Ms(firstByte.Max()), "through the gateway; the registration itself included"],
                    ["idle memory, warm (MB)", Mb(instancesMb), "", $"resident, every instance; user-command: {Mb(serviceMb)}"],
                    ["idle memory, at zero (MB)", "0", "", $"no process runs: the last exited {Ms(exitedMs)} ms after the activator let it go"],
                ]));
            sections.Add(new Section($"Welcome mails: registration → accepted by SMTP ({MailRounds} each)",
                ["shape", "p50 (ms)", "max (ms)", "note"],
                [
                    ["the email service, always on", Ms(P50(byService)), Ms(byService.Max()), "the floor: the consumer is warm"],
                    [$"{MailFunction}, from zero", Ms(P50(byFunction)), Ms(byFunction.Max()),
                        $"{P50(byFunction) / P50(byService):0.0}× the service's; of which spawn → ready p50 {Ms(P50(spawnToReady))} ms. The email service's queue detached; the queue is read each second"],
                ]));
            return
            [
                ScenarioResult.Of("register-user function, warm", $"{Clients} clients", function, "reg/s", service, "reg/s",
                    "user-command's POST /api/users, through the gateway", "same use case, same gateway; floor = the always-on service"),
            ];
        }
        finally
        {
            await RescaleAsync(admin, Function, Scaling(original));
            await RescaleAsync(admin, MailFunction, Scaling(originalMail));
        }
    }

    private static int ColdStartsOf(JsonElement view) => view.GetProperty("coldStarts").GetInt32();

    private static double P50(List<double> values) => Percentile.Of([.. values.Order()], 50);

    /// <summary>
    /// Waits until the mail function is at zero and has started no instance for 3 s (the events of earlier steps
    /// forwarded and handled), so that the next registration's event is the one that starts it; its cold starts then.
    /// </summary>
    private static async Task<int> QuietAsync(Functions functions)
    {
        var startsBefore = -1;
        await Until.TrueAsync(async () =>
        {
            var view = await functions.ViewAsync(MailFunction);
            var quiet = view.GetProperty("instances").GetInt32() == 0 && ColdStartsOf(view) == startsBefore;
            startsBefore = ColdStartsOf(view);
            return quiet;
        }, AtZeroWithin, $"{MailFunction} at zero, with no instance started for 3 s", TimeSpan.FromSeconds(3));
        return startsBefore;
    }

    private static object Scaling(JsonElement view) => new
    {
        stableWindowSeconds = view.GetProperty("stableWindowSeconds").GetDouble(),
        scaleToZeroGraceSeconds = view.GetProperty("scaleToZeroGraceSeconds").GetDouble(),
    };

    private static async Task RescaleAsync(HttpClient admin, string function, object change)
    {
        using var response = await admin.PatchAsJsonAsync($"/api/admin/functions/{function}", change);
        if (!response.IsSuccessStatusCode)
            throw new BenchmarkSetupException($"PATCH /api/admin/functions/{function} was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<Guid?> RegisterAsync(HttpClient http, Uri route, string email)
    {
        using var response = await http.PostAsJsonAsync(route, new { name = "Bench User", email });
        return response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : null;
    }

    /// <summary>The resident memory of the processes that match, in MB, from /proc.</summary>
    private static double ResidentMegabytes(Func<int, bool> matches) =>
        Directory.EnumerateDirectories("/proc").Select(directory => int.TryParse(Path.GetFileName(directory), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && matches(pid))
            .Sum(pid => Status(pid).Split('\n').FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal)) is { } rss
                ? double.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 : 0);

    private static string Environ(int pid) => Read(pid, "environ");

    private static string CommandLine(int pid) => Read(pid, "cmdline");

    private static string Status(int pid) => Read(pid, "status");

    private static string Read(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return ""; // gone between the listing and the read
        }
    }

    private static string Ms(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Mb(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The functions as the gateway shows them (GET /api/functions).</summary>
    private sealed class Functions(HttpClient http, Uri gateway)
    {
        public async Task<JsonElement> ViewAsync(string name) =>
            (await http.GetFromJsonAsync<JsonElement>(new Uri(gateway, "/api/functions"))).GetProperty("functions").EnumerateArray()
                .Single(function => function.GetProperty("name").GetString() == name);

        public Task AtZeroAsync(string name, TimeSpan within) =>
            Until.TrueAsync(async () => (await ViewAsync(name)).GetProperty("instances").GetInt32() == 0, within, $"{name} at zero instances");
    }
}
