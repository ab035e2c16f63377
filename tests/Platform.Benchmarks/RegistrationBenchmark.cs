using Npgsql;

namespace Platform.Benchmarks;

/// <summary>Registrations through the gateway against one INSERT per transaction, and the read model's lag.</summary>
public static class RegistrationBenchmark
{
    public static async Task RunAsync(BenchmarkOptions options)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        await using var commandDb = NpgsqlDataSource.Create(options.Database("usercommand"));
        await using var queryDb = NpgsqlDataSource.Create(options.Database("userquery"));
        using var gateway = new GatewayRegistrations(options.Gateway, runId);
        var raw = new RawInserts(commandDb, runId);
        var lag = new ReadModelLag(queryDb);
        await raw.PrepareAsync();

        Console.WriteLine($"Platform benchmark: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, " +
                          $"{options.Duration.TotalSeconds:0} s per phase, gateway {options.Gateway}");
        Console.WriteLine("Registrations: POST /api/users through the gateway. Floor: one INSERT per transaction with plain Npgsql.");
        Console.WriteLine("Lag: event appended -> row in the read model (server clock), for every registration of the phase.");
        Console.WriteLine();
        Console.WriteLine("| concurrency | gateway reg/s | p50 ms | p99 ms | errors | raw Npgsql ins/s | p50 ms | p99 ms | ratio | lag p50 ms | lag p99 ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        // Warm-up: JIT, connection pools and Marten's compiled plans, so the first phase is not a cold start.
        await LoadResult.RunAsync(4, TimeSpan.FromSeconds(2), gateway.RegisterAsync);
        await LoadResult.RunAsync(4, TimeSpan.FromSeconds(1), raw.InsertAsync);

        foreach (var workers in options.Concurrency)
        {
            var system = await LoadResult.RunAsync(workers, options.Duration, gateway.RegisterAsync);
            var lags = await lag.MeasureAsync(system.Ids, TimeSpan.FromSeconds(60));
            var floor = await LoadResult.RunAsync(workers, options.Duration, raw.InsertAsync);

            Console.WriteLine($"| {workers} | {system.PerSecond:0} | {Percentile.Of(system.LatenciesMs, 50):0.0} | {Percentile.Of(system.LatenciesMs, 99):0.0} | " +
                              $"{system.Failed} | {floor.PerSecond:0} | {Percentile.Of(floor.LatenciesMs, 50):0.0} | {Percentile.Of(floor.LatenciesMs, 99):0.0} | " +
                              $"{system.PerSecond / floor.PerSecond:0.00}x | {Percentile.Of(lags, 50):0.0} | {Percentile.Of(lags, 99):0.0} |");
            if (lags.Length < system.Ids.Count)
                Console.WriteLine($"  ! only {lags.Length} of {system.Ids.Count} registrations reached the read model within 60 s");
        }
    }
}
