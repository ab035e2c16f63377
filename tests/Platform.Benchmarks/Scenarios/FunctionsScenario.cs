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
/// latency and throughput beside the service, the memory of an idle instance and of none, and how long the
/// queue-triggered send-welcome-mail takes from zero to ready when a registration's event reaches its queue.
/// </summary>
public sealed class FunctionsScenario : IScenario
{
    private const int ColdStarts = 20;
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

            progress.Step($"{MailFunction} from zero on a registration's event");
            await RescaleAsync(admin, MailFunction, new { scaleToZeroGraceSeconds = 1 });
            int ColdStartsOf(JsonElement view) => view.GetProperty("coldStarts").GetInt32();
            // Quiet first: the warm phase's events forwarded and mailed, so that no instance starts for them meanwhile.
            var startsBefore = -1;
            await Until.TrueAsync(async () =>
            {
                var view = await functions.ViewAsync(MailFunction);
                var quiet = view.GetProperty("instances").GetInt32() == 0 && ColdStartsOf(view) == startsBefore;
                startsBefore = ColdStartsOf(view);
                return quiet;
            }, AtZeroWithin, $"{MailFunction} at zero, with no instance started for 5 s", TimeSpan.FromSeconds(5));
            var mailClock = Stopwatch.StartNew();
            await RegisterAsync(system.Http, new Uri(system.Gateway, "/api/users"), $"mail-fn-{runId}@bench.example");
            // Counted, not watched: an instance that finds its one message gone (the email service was first) may be
            // ready for less than a second.
            await Until.TrueAsync(async () => ColdStartsOf(await functions.ViewAsync(MailFunction)) > startsBefore, AtZeroWithin, $"{MailFunction} started");
            var mailStartedMs = mailClock.Elapsed.TotalMilliseconds;
            var mailReadyMs = (await functions.ViewAsync(MailFunction)).GetProperty("lastColdStartMs").GetDouble();

            progress.Step("putting the settings back");
            sections.Add(new Section($"Functions: {Function} from zero ({ColdStarts} cold starts) and idle",
                ["measure", "p50", "max", "note"],
                [
                    ["cold: request → instance ready (ms)", Ms(Percentile.Of([.. ready.Order()], 50)), Ms(ready.Max()), "the activator's spawn → first 200 from /health"],
                    ["cold: request → first byte (ms)", Ms(Percentile.Of([.. firstByte.Order()], 50)), Ms(firstByte.Max()), "through the gateway; the registration itself included"],
                    ["idle memory, warm (MB)", Mb(instancesMb), "", $"resident, every instance; user-command: {Mb(serviceMb)}"],
                    ["idle memory, at zero (MB)", "0", "", $"no process runs: the last exited {Ms(exitedMs)} ms after the activator let it go"],
                    [$"{MailFunction}: registration → instance ready (ms)", Ms(mailStartedMs), "",
                        $"of which spawn → ready {Ms(mailReadyMs)} ms; before it, user-command's outbox forwards the event, and the queue is read each second"],
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
