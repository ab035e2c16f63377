using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Platform.Benchmarks.Scenarios;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks;

/// <summary>
/// ./bench.sh sustained (issue 26): registrations offered through the gateway at fixed arrival rates, open loop (each
/// sent on time whatever the answers to the ones before it), --rates (25,50,100,150,200) per second for --seconds (60)
/// each, against the running system. For each rate: the answers, the command → read-model lag (p50, p99, max, on the
/// PostgreSQL server's clock), the backlog (registrations answered and not in the read model <see cref="Bound"/> after
/// the last answer), the lag to the welcome mail, and when every consumer and analytics had them all. A rate is
/// sustained when nothing failed, the read-model lag's p99 is at most <see cref="Bound"/>, and no backlog is left.
/// Between rates the system drains, so each starts clean. Two unsustained rates in a row end the run. Then the same
/// for orders (<see cref="SustainedOrders"/>).
/// </summary>
public static class SustainedBenchmark
{
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan DrainWithin = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(BenchmarkOptions options)
    {
        using var system = await RunningSystem.FindAsync(options);
        await using var fanOut = new FanOut(options);
        await using var userQuery = NpgsqlDataSource.Create(options.Database("userquery"));
        await using var email = NpgsqlDataSource.Create(options.Database("email"));
        await using var analytics = NpgsqlDataSource.Create(options.Database("analytics"));
        var readModel = new ReadModelLag(userQuery);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var issued = 0L;
        Task<Guid?> RegisterAsync() => Registrations.RegisterAsync(system.Http, system.Gateway, $"sustained-{runId}-{Interlocked.Increment(ref issued)}@bench.example");

        var report = new RunReport();
        report.Line($"Platform sustained-rate benchmark: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Machine.Describe()}");
        report.Line($"Registrations through the gateway, open loop, {options.Duration.TotalSeconds:0} s per rate; sustained: no error, read-model lag p99 ≤ {Bound.TotalMilliseconds:0} ms, no backlog {Bound.TotalMilliseconds:0} ms after the last answer");
        report.Line();
        report.Line("| offered/s | answered/s | failed | answer p50 / p99 ms | read-model lag p50 / p99 / max ms | backlog | welcome mail lag p50 / p99 ms | every consumer done | analytics counted all | sustained |");
        report.Line("|---:|---:|---:|---|---|---:|---|---:|---:|---|");

        // A warm-up, not measured: the lowest rate for WarmUp, then a drain. With 3 s of it, the first rate's p99 lag was
        // 425 ms and the next, twice as fast, 195 ms: the first minute was paying the services' warm-up.
        var warmUp = await LoadResult.OpenLoopAsync(options.Rates.Min(), WarmUp, _ => RegisterAsync());
        await fanOut.WaitUntilHandledAsync(warmUp.Ids, DrainWithin);
        int? highest = null;
        var unsustainedInARow = 0;
        foreach (var rate in options.Rates)
        {
            Console.Error.WriteLine($"offering {rate} registrations a second for {options.Duration.TotalSeconds:0} s…");
            var load = await LoadResult.OpenLoopAsync(rate, options.Duration, _ => RegisterAsync());
            var ended = Stopwatch.StartNew();
            await Task.Delay(Bound);
            var backlog = load.Ids.Count - (await readModel.ReadAsync(load.Ids)).Length;
            await fanOut.WaitUntilHandledAsync(load.Ids, DrainWithin);
            var drained = ended.Elapsed;
            var counted = await AnalyticsCountedAsync(analytics, load.Ids, ended);
            var lags = await readModel.ReadAsync(load.Ids);
            var mails = await WelcomeMailLagsAsync(userQuery, email, load.Ids);

            var sustained = load.Failed == 0 && Percentile.Of(lags, 99) <= Bound.TotalMilliseconds && backlog == 0;
            if (sustained)
                highest = rate;
            unsustainedInARow = sustained ? 0 : unsustainedInARow + 1;
            report.Line($"| {rate} | {load.PerSecond:0.0} | {load.Failed} | {Ms(Percentile.Of(load.LatenciesMs, 50))} / {Ms(Percentile.Of(load.LatenciesMs, 99))} | " +
                        $"{Ms(Percentile.Of(lags, 50))} / {Ms(Percentile.Of(lags, 99))} / {Ms(Percentile.Of(lags, 100))} | {backlog} | " +
                        $"{Ms(Percentile.Of(mails, 50))} / {Ms(Percentile.Of(mails, 99))} | {drained.TotalSeconds:0.0} s | {counted} | {(sustained ? "yes" : "no")} |");
            if (unsustainedInARow == 2)
                break;
        }
        report.Line();
        report.Line(highest is { } rateHeld
            ? $"Highest sustained registration rate: {rateHeld} a second."
            : "No rate offered was sustained.");
        await SustainedOrders.RunAsync(system, options, report);
        await report.PublishAsync("sustained");
    }

    /// <summary>When analytics had counted every one of them, since the rate's last answer; or how many it still lacked after the wait.</summary>
    private static async Task<string> AnalyticsCountedAsync(NpgsqlDataSource analytics, IReadOnlyList<Guid> users, Stopwatch since)
    {
        var deadline = since.Elapsed + DrainWithin;
        long counted = 0;
        while (since.Elapsed < deadline)
        {
            await using var command = analytics.CreateCommand("SELECT count(DISTINCT user_id) FROM analytics.speed_events WHERE user_id = ANY($1)");
            command.Parameters.AddWithValue(users.ToArray());
            counted = (long)(await command.ExecuteScalarAsync() ?? 0L);
            if (counted >= users.Count)
                return $"{since.Elapsed.TotalSeconds:0.0} s";
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        return $"{users.Count - counted} missing";
    }

    /// <summary>Each registration's event → its welcome mail accepted by the SMTP server, both on the database server's clock.</summary>
    private static async Task<double[]> WelcomeMailLagsAsync(NpgsqlDataSource userQuery, NpgsqlDataSource email, IReadOnlyList<Guid> users)
    {
        var registered = new Dictionary<Guid, DateTime>();
        await using (var command = userQuery.CreateCommand("SELECT id, created_at FROM user_query.user_profiles WHERE id = ANY($1)"))
        {
            command.Parameters.AddWithValue(users.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                registered[reader.GetGuid(0)] = reader.GetFieldValue<DateTime>(1).ToUniversalTime();
        }
        var lags = new List<double>();
        await using (var command = email.CreateCommand("SELECT user_id, updated_at FROM email.mails WHERE user_id = ANY($1) AND purpose = 'Welcome' AND state = 'Sent'"))
        {
            command.Parameters.AddWithValue(users.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (registered.TryGetValue(reader.GetGuid(0), out var at))
                    lags.Add((reader.GetFieldValue<DateTime>(1).ToUniversalTime() - at).TotalMilliseconds);
            }
        }
        return [.. lags.Order()];
    }

    private static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("0", CultureInfo.InvariantCulture);
}
