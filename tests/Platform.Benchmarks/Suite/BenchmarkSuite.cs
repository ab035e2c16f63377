using System.Diagnostics;
using Platform.Benchmarks.Scenarios;
using Spectre.Console;

namespace Platform.Benchmarks.Suite;

/// <summary>
/// ./bench.sh: every scenario against the running system, each beside its raw floor in the same run, with live
/// progress, then one table on the terminal and the same table as Markdown (bench-results/, or --markdown FILE).
/// --only appends,bus runs some of them.
/// </summary>
public static class BenchmarkSuite
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new QuietRegistrationScenario(), // first: the machine is quiet only before the heavy phases leave their backlogs
        new AppendsScenario(),
        new ShardsScenario(),
        new BusScenario(),
        new GatewayReadScenario(),
        new OrderWorkflowScenario(),
        new MailScenario(),
        new ReplayScenario(),
        new FunctionsScenario(),
        new ChatScenario(),
    ];

    /// <param name="publishAs">The docs/performance.md block a clean run writes: "suite" for the whole suite, or an on-request scenario's own.</param>
    public static async Task<int> RunAsync(BenchmarkOptions options, string command, string? publishAs = null)
    {
        var unknown = options.Only.Except(All.Select(scenario => scenario.Name)).ToList();
        if (unknown.Count > 0)
            throw new BenchmarkSetupException($"No scenario named {string.Join(", ", unknown)}; the scenarios are {string.Join(", ", All.Select(scenario => scenario.Name))}.");
        var scenarios = All.Where(scenario => options.Only.Length == 0 ? !scenario.OnRequest : options.Only.Contains(scenario.Name)).ToList();

        if (!AnsiConsole.Profile.Capabilities.Interactive)
            AnsiConsole.Profile.Width = 200; // a pipe or a CI log: no terminal to fit, so tables keep their rows whole
        var machine = Machine.Describe();
        var started = DateTimeOffset.UtcNow;
        AnsiConsole.MarkupLine($"[bold]Platform benchmark suite[/], {started:yyyy-MM-dd HH:mm} UTC");
        AnsiConsole.MarkupLine($"Machine: {Markup.Escape(machine)}");
        AnsiConsole.MarkupLine($"Scenarios: {string.Join(", ", scenarios.Select(scenario => scenario.Name))}; {options.Duration.TotalSeconds:0} s per timed phase, clients {string.Join("/", options.Concurrency)}");
        using var system = await RunningSystem.FindAsync(options);
        AnsiConsole.MarkupLine($"System: gateway {system.Gateway}, user-command {system.UserCommand}, user-query {string.Join(" and ", system.UserQuery)}");

        var clock = Stopwatch.StartNew();
        var results = new List<ScenarioResult>();
        var sections = new List<Section>();
        var failures = new List<string>();
        async Task RunEach(Func<IScenario, ScenarioProgress> progressOf)
        {
            foreach (var scenario in scenarios)
            {
                var progress = progressOf(scenario);
                try
                {
                    results.AddRange(await scenario.RunAsync(system, options, progress));
                    sections.AddRange(scenario.Sections);
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    failures.Add($"{scenario.Name}: {error.GetType().Name}: {error.Message}");
                }
                progress.Done();
            }
        }

        if (AnsiConsole.Profile.Capabilities.Interactive)
            await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var bars = scenarios.ToDictionary(scenario => scenario, scenario => context.AddTask(scenario.Name, autoStart: true, maxValue: scenario.Steps(options)));
                    await RunEach(scenario => new ScenarioProgress(scenario.Name, bars[scenario]));
                });
        else
            await RunEach(scenario => new ScenarioProgress(scenario.Name, null));

        AnsiConsole.Write(ResultsTable.ForTerminal(results));
        AnsiConsole.Write(ResultsTable.Legend(results));
        foreach (var section in sections)
            AnsiConsole.Write(ResultsTable.ForTerminal(section));
        var file = options.Markdown ?? Path.Combine("bench-results", $"{started:yyyyMMdd-HHmm}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var markdown = ResultsTable.AsMarkdown(results, sections, machine, started, clock.Elapsed, command);
        await File.WriteAllTextAsync(file, markdown);
        AnsiConsole.MarkupLine($"Machine: {Markup.Escape(machine)}");
        AnsiConsole.MarkupLine($"Results written to [bold]{Markup.Escape(file)}[/] ({clock.Elapsed.TotalMinutes:0.0} min).");
        // Only a whole, clean run replaces the published figures; a partial or failed one stays in bench-results/.
        if ((publishAs ?? (options.Only.Length == 0 ? "suite" : null)) is { } block && failures.Count == 0 && await DocsBlock.WriteAsync(block, markdown))
            AnsiConsole.MarkupLine($"The figures in [bold]{DocsBlock.File}[/] are this run's.");
        foreach (var failure in failures)
            AnsiConsole.MarkupLine($"[red]failed[/] {Markup.Escape(failure)}");
        return failures.Count == 0 ? 0 : 1;
    }
}
