using System.Globalization;
using System.Net.Sockets;
using Platform.Benchmarks.Suite;
using Spectre.Console;

namespace Platform.Benchmarks.Shapes;

/// <summary>
/// <c>./bench.sh shapes</c> (issue 25): the same work against each shape in turn, on this machine, in one run. It starts
/// each shape itself (so nothing else may run: ./run.sh stopped), from a fresh data folder, and records what the
/// decision in docs/decisions/startup.yaml scores: the start, a cold request, memory idle and under load, the latency
/// at a steady rate, the throughput of a burst, CPU per request across every process of the shape, what a crash of the
/// part that serves registrations costs (<see cref="ShapeFault"/>), its deployables and its lines of code. It writes the figures as the evaluator reads them (bench-results/shapes.json) and prints each shape beside the monolith.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class ShapesBenchmark
{
    private const int Clients = 8;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var repository = Directory.GetCurrentDirectory();
        if (InUse(options.Gateway.Port))
            throw new BenchmarkSetupException($"Port {options.Gateway.Port} is in use: stop ./run.sh first; this benchmark starts each shape itself.");
        var started = DateTimeOffset.UtcNow;
        AnsiConsole.MarkupLine($"[bold]./bench.sh shapes[/] on {Markup.Escape(Machine.Describe())}");
        var figures = new Dictionary<string, ShapeFigures>();

        // The monolith: a run of its own.
        await using (var monolith = await StartAsync(Shape.Monolith, repository))
            figures[Shape.Monolith.Name] = await MeasureAsync(Shape.Monolith, monolith, options, repository);

        // The services, and the same run with its registrations through the function: the function starts from zero
        // on its first request, which is the serverless shape's cold start; its idle footprint at zero is the services'.
        await using (var distributed = await StartAsync(Shape.Microservices, repository))
        {
            figures[Shape.Microservices.Name] = await MeasureAsync(Shape.Microservices, distributed, options, repository);
            figures[Shape.Serverless.Name] = await MeasureAsync(Shape.Serverless, distributed, options, repository, idleAsMeasured: figures[Shape.Microservices.Name]);
        }

        Print(figures);
        await DecisionFigures.WriteAsync("shapes", "./bench.sh shapes", started, figures.ToDictionary(shape => shape.Key, shape => shape.Value.AsFigures()));
        return 0;
    }

    private static async Task<ShapeRun> StartAsync(Shape shape, string repository)
    {
        AnsiConsole.MarkupLine($"[grey]starting the {shape.Name} shape from a fresh data folder…[/]");
        return await ShapeRun.StartAsync(shape, repository, TimeSpan.FromMinutes(6));
    }

    private static async Task<ShapeFigures> MeasureAsync(Shape shape, ShapeRun run, BenchmarkOptions options, string repository, ShapeFigures? idleAsMeasured = null)
    {
        var workload = new ShapeWorkload(options.Gateway, shape, run.AdminClientSecret);
        double idleMemory;
        if (idleAsMeasured is null)
        {
            await Task.Delay(Quiet);
            idleMemory = ShapeFootprint.MemoryMegabytes();
        }
        else
        {
            idleMemory = idleAsMeasured.IdleMemoryMb;
        }
        AnsiConsole.MarkupLine($"[grey]{shape.Name}: ready in {run.Ready.TotalSeconds:0.0} s, {idleMemory:0} MB idle; a first registration, then the load…[/]");
        var cold = await workload.FirstRegistrationAsync();
        var customers = await workload.CustomersAsync(Clients);
        await workload.BurstAsync(customers, options.Duration); // warm-up, not measured: the first start's JIT is the cold request's figure
        var steady = await workload.SteadyRegistrationsAsync(10, options.Duration);

        var cpuBefore = ProcessCpu.Snapshot();
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakMemoryAsync(sampling.Token);
        var burst = await workload.BurstAsync(customers, options.Duration * 2);
        var cpu = ProcessCpu.Snapshot().Since(cpuBefore);
        var deployables = ShapeFootprint.Services();
        var servers = ShapeFootprint.Servers();
        await sampling.CancelAsync();
        var loadMemory = await peak;

        var crash = await ShapeFault.RunAsync(options.Gateway, shape, run.AdminClientSecret, customers);

        var systemCpu = cpu.Where(part => part.Key is not ("load generator (this benchmark)" or "AppHost" or "Aspire dashboard" or "Aspire DCP")).Sum(part => part.Value);
        var all = burst.All;
        var registrations = steady.LatenciesMs;
        return new ShapeFigures(
            run.Ready.TotalSeconds, cold.TotalMilliseconds, idleMemory, loadMemory,
            Percentile.Of(registrations, 50), Percentile.Of(registrations, 99), steady.Failed,
            burst.PerSecond, Percentile.Of(all, 50), Percentile.Of(all, 99), burst.Failed,
            systemCpu * 1000 / Math.Max(1, burst.Succeeded),
            deployables, servers, ShapeCode.Lines(repository, shape.Projects), crash);
    }

    private static async Task<double> SamplePeakMemoryAsync(CancellationToken stop)
    {
        var peak = 0d;
        try
        {
            while (true)
            {
                peak = Math.Max(peak, ShapeFootprint.MemoryMegabytes());
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
        }
        catch (OperationCanceledException)
        {
            return peak;
        }
    }

    private static void Print(IReadOnlyDictionary<string, ShapeFigures> figures)
    {
        var monolith = figures[Shape.Monolith.Name];
        var table = new Table().AddColumn("figure");
        foreach (var shape in figures.Keys)
            table.AddColumn(new TableColumn(shape).RightAligned());
        foreach (var (label, read, format) in ShapeFigures.Rows)
            table.AddRow([label, .. figures.Values.Select(shape => Cell(read(shape), read(monolith), format, shape == monolith))]);
        AnsiConsole.Write(table);
        foreach (var (name, shape) in figures)
            AnsiConsole.MarkupLine($"[grey]{name}: {Markup.Escape(string.Join(", ", shape.Deployables))}; servers {Markup.Escape(string.Join(", ", shape.Servers.CountBy(server => server).Select(server => $"{server.Key} ×{server.Value}")))}[/]");
        foreach (var (name, shape) in figures)
            AnsiConsole.MarkupLine($"[grey]{name}: killed {Markup.Escape(shape.Crash.Victim)}{(shape.Crash.Recovered ? "" : " (not back within the bound)")}; " +
                                   $"{shape.Crash.FailedWhileDown} of {shape.Crash.SentWhileDown} operations sent while down failed; " +
                                   $"{shape.Crash.MissingProfiles} of {shape.Crash.AnsweredRegistrations} registrations answered have no profile, " +
                                   $"{shape.Crash.UnsettledOrders} of {shape.Crash.AnsweredOrders} orders answered never settled[/]");
        AnsiConsole.MarkupLine("[grey]Beside the monolith: its ratio.[/]");
    }

    private static string Cell(double value, double monolith, string format, bool isMonolith) =>
        isMonolith || monolith == 0 ? value.ToString(format, CultureInfo.InvariantCulture)
            : $"{value.ToString(format, CultureInfo.InvariantCulture)} ({value / monolith:0.00}×)";

    private static bool InUse(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
