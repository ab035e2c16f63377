using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Platform.Benchmarks.Suite;

/// <summary>
/// Where an operation's time goes during a phase: the CPU each process spent per operation, and the statements each
/// database ran per operation with their server time. Started before the phase, finished after it.
/// </summary>
public sealed class Breakdown
{
    private readonly NpgsqlDataSource server;
    private readonly ProcessCpu? cpu;
    private readonly StatementCounts? statements;
    private readonly Stopwatch clock = Stopwatch.StartNew();

    private Breakdown(NpgsqlDataSource server, ProcessCpu? cpu, StatementCounts? statements)
    {
        this.server = server;
        this.cpu = cpu;
        this.statements = statements;
    }

    public static async Task<Breakdown> StartAsync(NpgsqlDataSource server) =>
        new(server, ProcessCpu.Available ? ProcessCpu.Snapshot() : null, await StatementCounts.SnapshotAsync(server));

    public async Task<IReadOnlyList<Section>> FinishAsync(int operations, string operation, string phase)
    {
        var elapsed = clock.Elapsed.TotalSeconds;
        var sections = new List<Section>();
        if (cpu is not null && operations > 0)
        {
            var spent = ProcessCpu.Snapshot().Since(cpu).Where(part => part.Value > 0).OrderByDescending(part => part.Value).ToList();
            var total = spent.Sum(part => part.Value);
            var rows = spent.Select(part => new[]
            {
                part.Key, Percent(part.Value / elapsed / Environment.ProcessorCount), Ms(part.Value * 1000 / operations),
            }).Append(["all of them", Percent(total / elapsed / Environment.ProcessorCount), Ms(total * 1000 / operations)]).ToList();
            sections.Add(new Section($"CPU per {operation}: {phase}", ["process", "share of the machine", $"CPU ms per {operation}"], rows,
                $"{operations:N0} {operation}s in {elapsed:0.0} s on {Environment.ProcessorCount} cores; from /proc, every process of the dev run."));
        }
        if (statements is not null && operations > 0 && await StatementCounts.SnapshotAsync(server) is { } after)
        {
            var ran = after.Since(statements).Where(database => database.Value.Calls > 0).OrderByDescending(database => database.Value.Calls).ToList();
            var rows = ran.Select(database => new[]
            {
                database.Key, (database.Value.Calls / (double)operations).ToString("0.0", CultureInfo.InvariantCulture), Ms(database.Value.Milliseconds / operations),
            }).ToList();
            sections.Add(new Section($"Statements per {operation}: {phase}", ["database", $"statements per {operation}", $"server ms per {operation}"], rows,
                "From pg_stat_statements: every statement each database ran during the phase (the services' polling included), per operation."));
        }
        return sections;
    }

    private static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
