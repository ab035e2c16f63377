using System.Collections.Concurrent;
using System.Diagnostics;
using Spectre.Console;

namespace Platform.Benchmarks.Shapes;

/// <summary>
/// What a crash costs a shape (issue 25). The mix (a registration, a profile read, an order's three requests, in turn)
/// is offered at a steady rate, open loop, while the part that serves registrations is killed (SIGKILL) and brought back
/// as the shape's orchestrator would: the AppHost's restart policy for a service (as Kubernetes' would), the activator
/// for a function's instances.
/// <list type="bullet">
/// <item>Down: from the kill to the first answer to a registration sent after it.</item>
/// <item>Failed: the share of the operations sent while down that failed (an error, a refused connection, a timeout).</item>
/// <item>Lost: what was answered (a registration 201, an order 202) whose effect never arrived: no profile in the read
/// model, or an order not settled (confirmed or cancelled), within <see cref="Settle"/>.</item>
/// </list>
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class ShapeFault
{
    private const double PerSecond = 10;
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DownAtMost = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private sealed record Attempt(string Kind, TimeSpan Sent, TimeSpan Answered, bool Ok);

    public static async Task<CrashOutcome> RunAsync(Uri entry, Shape shape, string adminClientSecret, IReadOnlyList<Guid> customers)
    {
        var workload = new ShapeWorkload(entry, shape, adminClientSecret, RequestTimeout);
        await workload.AuthorizeAsync();
        var attempts = new ConcurrentBag<Attempt>();
        var registered = new ConcurrentBag<Guid>();
        var ordered = new ConcurrentBag<Guid>();
        var clock = Stopwatch.StartNew();
        TimeSpan? killedAt = null;
        var sent = new List<Task>();

        async Task TimeAsync(string kind, Func<Task<bool>> operation)
        {
            var start = clock.Elapsed;
            bool ok;
            try
            {
                ok = await operation();
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                ok = false;
            }
            attempts.Add(new Attempt(kind, start, clock.Elapsed, ok));
        }

        TimeSpan? Recovered() => killedAt is { } kill
            ? attempts.Where(a => a is { Kind: "registration", Ok: true } && a.Sent > kill).Select(a => (TimeSpan?)a.Answered).Min()
            : null;

        for (var i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds(i / PerSecond);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            if (killedAt is null && clock.Elapsed >= Before)
            {
                killedAt = clock.Elapsed;
                AnsiConsole.MarkupLine($"[grey]{shape.Name}: killing {Markup.Escape(shape.Victim.Description)} (SIGKILL) under {PerSecond:0} operations/s…[/]");
                Kill(shape.Victim.Process);
            }
            if (killedAt is { } kill && (clock.Elapsed - kill > DownAtMost || Recovered() is { } back && clock.Elapsed - back > After))
                break;
            var customer = customers[i % customers.Count];
            sent.Add((i % 3) switch
            {
                0 => TimeAsync("registration", async () => await workload.RegisterAsync() is { } id && Add(registered, id)),
                1 => TimeAsync("profile read", () => workload.ReadProfileAsync(customer)),
                _ => TimeAsync("order", async () => await workload.OrderAsync(customer) is { } id && Add(ordered, id)),
            });
        }
        await Task.WhenAll(sent);

        var killed = killedAt!.Value;
        var recovered = Recovered();
        var down = (recovered ?? clock.Elapsed) - killed;
        var whileDown = attempts.Where(a => a.Sent >= killed && a.Sent < killed + down).ToList();
        AnsiConsole.MarkupLine($"[grey]{shape.Name}: {(recovered is null ? "not back" : "back")} after {down.TotalSeconds:0.0} s; " +
                               $"checking that each of {registered.Count} registrations and {ordered.Count} orders answered arrived…[/]");
        var missingProfiles = await StillMissingAsync(registered, workload.ReadProfileAsync);
        var unsettled = await StillMissingAsync(ordered, async order => await workload.OrderStatusAsync(order) is "Confirmed" or "Cancelled");
        return new CrashOutcome(shape.Victim.Description, recovered is not null, down.TotalSeconds, whileDown.Count, whileDown.Count(a => !a.Ok),
            registered.Count, missingProfiles, ordered.Count, unsettled);
    }

    private static bool Add(ConcurrentBag<Guid> answered, Guid id)
    {
        answered.Add(id);
        return true;
    }

    /// <summary>How many still fail the check once <see cref="Settle"/> has passed (each checked until it holds).</summary>
    private static async Task<int> StillMissingAsync(IEnumerable<Guid> ids, Func<Guid, Task<bool>> arrived)
    {
        var pending = ids.ToHashSet();
        var deadline = DateTime.UtcNow + Settle;
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var id in pending.ToList())
            {
                try
                {
                    if (await arrived(id))
                        pending.Remove(id);
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                {
                    // asked again on the next pass
                }
            }
            if (pending.Count > 0)
                await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return pending.Count;
    }

    /// <summary>Kills each process of the part, the service's own (not the <c>dotnet run</c> wrapper): a crash.</summary>
    private static void Kill(string part)
    {
        var victims = ShapeFootprint.Running().Where(process => !process.Server && process.Part == part).ToList();
        if (victims.Count == 0)
            throw new Suite.BenchmarkSetupException($"No process of {part} runs: nothing to kill.");
        foreach (var victim in victims)
        {
            using var process = Process.GetProcessById(victim.Pid);
            process.Kill();
        }
    }
}
