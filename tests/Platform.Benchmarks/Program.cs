using Platform.Benchmarks;
using Platform.Benchmarks.Suite;
using Spectre.Console;

// Measures the running system (./run.sh) against its raw floor, in the same run, on the same machine.
// ./bench.sh                         the suite: appends, bus, gateway-read, orders, mails, replay (--only a,b to choose)
// ./bench.sh search                  search at --users (100,000) users
// ./bench.sh snapshots               loading a user of --events (10,000) events, with and without a snapshot; each snapshot policy's costs
// ./bench.sh functions               the register-user function from zero (20 cold starts) and warm, beside user-command
// ./bench.sh chat                    the chat's hub through the gateway: rooms of 2, 5 and 20 users, --clients (200) connections, beside a bare SignalR hub
// ./bench.sh shapes                 the monolith, the microservices and the serverless shape, each started here in turn, on the same work
// ./bench.sh function-starts         the function's start under each runtime setting (JIT, tiered, ReadyToRun), --rounds (10) each
// ./bench.sh sustained               registrations, then orders, at fixed arrival rates (--rates, --order-rates), open loop: lag, backlog, the highest rates sustained
var options = BenchmarkOptions.Parse(args);
try
{
    switch (options.Mode)
    {
        case "search":
            await SearchBenchmark.RunAsync(options);
            return 0;
        case "snapshots":
            await SnapshotBenchmark.RunAsync(options);
            return 0;
        case "suite":
            return await BenchmarkSuite.RunAsync(options, $"./bench.sh {string.Join(' ', args)}".Trim());
        case "chat":
            return await BenchmarkSuite.RunAsync(options with { Only = ["chat"] }, $"./bench.sh {string.Join(' ', args)}".Trim(), publishAs: "chat");
        case "shapes":
            if (OperatingSystem.IsWindows())
                throw new BenchmarkSetupException("./bench.sh shapes reads each process's CPU and memory in /proc: it runs on Linux.");
            return await Platform.Benchmarks.Shapes.ShapesBenchmark.RunAsync(options);
        case "sustained":
            await SustainedBenchmark.RunAsync(options);
            return 0;
        case "function-starts":
            await FunctionStartsBenchmark.RunAsync(options);
            return 0;
        case "functions":
            return await BenchmarkSuite.RunAsync(options with { Only = ["functions"] }, $"./bench.sh {string.Join(' ', args)}".Trim(), publishAs: "functions");
        default:
            throw new BenchmarkSetupException($"No mode named {options.Mode}: run ./bench.sh (the suite), ./bench.sh search, ./bench.sh snapshots, ./bench.sh functions, ./bench.sh chat, ./bench.sh shapes, ./bench.sh function-starts or ./bench.sh sustained.");
    }
}
catch (BenchmarkSetupException problem)
{
    AnsiConsole.MarkupLine($"[red]Cannot run the benchmark:[/] {Markup.Escape(problem.Message)}");
    return 2;
}
