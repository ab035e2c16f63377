using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks;

/// <summary>
/// ./bench.sh function-starts (issue 23): what a cold start of the register-user function costs, and which runtime
/// settings change it. Each setting starts the function --rounds (10) times as the activator does (its assembly, its
/// environment, read from the running activator's process) and times spawn → /health 200 → the first registration's
/// answer. The settings: as built (tiered compilation, the framework's ReadyToRun code, the function's assemblies
/// jitted); tiered compilation off (everything jitted fully optimised at once); tiered PGO off; the framework's
/// ReadyToRun code ignored (DOTNET_ReadyToRun=0: what precompilation saves); and the function published with
/// ReadyToRun, so that its own assemblies and the libraries it carries are precompiled too.
/// </summary>
public static class FunctionStartsBenchmark
{
    private const string Function = "register-user";

    public static async Task RunAsync(BenchmarkOptions options)
    {
        var (assembly, environment) = ActivatorEnvironment();
        var report = new RunReport();
        report.Line($"Platform function start benchmark: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Machine.Describe()}");
        report.Line($"{Function}, {options.Rounds} starts per setting, the running system quiet; median and worst");
        report.Line();
        report.Line("| setting | spawn → ready, ms | spawn → first 201, ms | CPU to ready, s |");
        report.Line("|---|---:|---:|---:|");

        var started = DateTimeOffset.UtcNow;
        var readyToRun = await PublishAsync(readyToRun: true);
        // An image of the jitted settings carries the same published files without the precompiled code.
        var imageMb = new Dictionary<string, double>
        {
            [assembly] = FolderMegabytes(Path.GetDirectoryName(await PublishAsync(readyToRun: false))!),
            [readyToRun] = FolderMegabytes(Path.GetDirectoryName(readyToRun)!),
        };
        (string Key, string Name, string Assembly, Dictionary<string, string> Extra)[] settings =
        [
            ("as-built", "as built: tiered, the framework precompiled", assembly, []),
            ("tiered-off", "tiered compilation off", assembly, new() { ["DOTNET_TieredCompilation"] = "0" }),
            ("pgo-off", "tiered PGO off", assembly, new() { ["DOTNET_TieredPGO"] = "0" }),
            ("framework-r2r-ignored", "the framework's ReadyToRun code ignored", assembly, new() { ["DOTNET_ReadyToRun"] = "0" }),
            ("published-r2r", "published ReadyToRun (what it loads, ADR 0064)", readyToRun, []),
        ];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var figures = new Dictionary<string, Dictionary<string, object>>();
        foreach (var (key, name, dll, extra) in settings)
        {
            var ready = new List<double>();
            var answered = new List<double>();
            var cpu = new List<double>();
            for (var round = 0; round < options.Rounds; round++)
            {
                var start = await StartOnceAsync(http, dll, environment, extra, $"start-{Guid.NewGuid():N}@bench.example");
                ready.Add(start.ReadyMs);
                answered.Add(start.AnsweredMs);
                cpu.Add(start.CpuSecondsToReady);
            }
            report.Line($"| {name} | {Median(ready):N0} / {ready.Max():N0} | {Median(answered):N0} / {answered.Max():N0} | {Median(cpu):N2} |");
            figures[key] = new()
            {
                ["ready_ms"] = Math.Round(Median(ready)),
                ["first_answer_ms"] = Math.Round(Median(answered)),
                ["worst_first_answer_ms"] = Math.Round(answered.Max()),
                ["cpu_s_to_ready"] = Math.Round(Median(cpu), 2),
                ["image_mb"] = Math.Round(imageMb[dll], 1),
            };
        }
        await report.PublishAsync("function-starts");
        // For docs/decisions/function-starts.yaml: ADR 0049 revisited through the evaluator.
        await DecisionFigures.WriteAsync("function-starts", $"./bench.sh function-starts --rounds {options.Rounds}", started, figures);
    }

    private sealed record Start(double ReadyMs, double AnsweredMs, double CpuSecondsToReady);

    private static async Task<Start> StartOnceAsync(HttpClient http, string assembly, Dictionary<string, string> environment, Dictionary<string, string> extra, string email)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [assembly]) { WorkingDirectory = Path.GetDirectoryName(assembly)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Clear();
        foreach (var (key, value) in environment.Concat(extra))
            start.Environment[key] = value;
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_CONTENTROOT"] = start.WorkingDirectory;
        start.Environment["OTEL_SERVICE_NAME"] = Function;
        start.Environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Function}-bench";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new BenchmarkSetupException($"dotnet {assembly} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Until.TrueAsync(async () =>
            {
                if (process.HasExited)
                    throw new BenchmarkSetupException($"{Function} exited ({process.ExitCode}) while starting from {assembly}.");
                try
                {
                    using var health = await http.GetAsync(new Uri(address, "/health"));
                    return health.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(60), $"{Function} from {assembly} to answer /health", TimeSpan.FromMilliseconds(10));
            var readyMs = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            var cpu = process.TotalProcessorTime.TotalSeconds;
            using var created = await http.PostAsJsonAsync(address, new { name = "Start Bench", email });
            if (created.StatusCode != HttpStatusCode.Created)
                throw new BenchmarkSetupException($"{Function} answered {(int)created.StatusCode} to its first registration: {await created.Content.ReadAsStringAsync()}");
            return new Start(readyMs, clock.Elapsed.TotalMilliseconds, cpu);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The function's assembly and the environment the running activator gives its instances: its own, from /proc.</summary>
    private static (string Assembly, Dictionary<string, string> Environment) ActivatorEnvironment()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(directory, "cmdline")).Contains("Platform.Functions.Activator", StringComparison.Ordinal))
                    continue;
                var environment = File.ReadAllText(Path.Combine(directory, "environ")).Split('\0', StringSplitOptions.RemoveEmptyEntries)
                    .Select(pair => pair.Split('=', 2)).Where(pair => pair.Length == 2)
                    .ToDictionary(pair => pair[0], pair => pair[1]);
                foreach (var bound in new[] { "HTTP_PORTS", "HTTPS_PORTS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_URLS" })
                    environment.Remove(bound);
                if (environment.GetValueOrDefault($"Functions__{Function}__Assembly") is { } assembly)
                    return (assembly, environment);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
            }
        }
        throw new BenchmarkSetupException("No functions activator runs: start the system first with ./run.sh.");
    }

    /// <summary>The function published for linux-x64 as its image is, with ReadyToRun (crossgen2) or without, once per run.</summary>
    private static async Task<string> PublishAsync(bool readyToRun)
    {
        var output = Path.Combine(Path.GetTempPath(), readyToRun ? "platform-register-user-r2r" : "platform-register-user-il");
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true); // a size of this run's publish only
        var publish = Process.Start(new ProcessStartInfo("dotnet",
            ["publish", "functions/RegisterUser/Platform.Functions.RegisterUser.csproj", "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
             $"-p:PublishReadyToRun={(readyToRun ? "true" : "false")}", "-o", output, "-nologo", "-clp:ErrorsOnly"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new BenchmarkSetupException("dotnet publish did not start.");
        var printed = await publish.StandardOutput.ReadToEndAsync() + await publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        return publish.ExitCode == 0
            ? Path.Combine(output, "Platform.Functions.RegisterUser.dll")
            : throw new BenchmarkSetupException($"Publishing the function{(readyToRun ? " with ReadyToRun" : "")} failed: {printed.Trim()}");
    }

    /// <summary>What an image of the function carries: the folder it runs from (its assemblies and the libraries it ships).</summary>
    private static double FolderMegabytes(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length) / 1024.0 / 1024.0;

    private static double Median(List<double> values) => Percentile.Of([.. values.Order()], 50);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
