using System.Net;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Gateway;

/// <summary>
/// Every instance of the read side killed (SIGKILL) under steady reads: from the first read that fails to be served,
/// every answer is the gateway's fallback, a recently read profile from its cache and anything else 503 problem+json
/// with Retry-After, whether or not the circuit has opened yet; never a 502 (issue 27). Reads are served again once the
/// instances are back.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OutageFallbackTests(PlatformFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task With_every_instance_killed_each_read_gets_the_fallback_from_the_first_failure_on_and_none_a_502()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var outage = await ReadSideOutage.RunAsync(platform,
            (instance, ct) => ResourceProcess.KillAsync(platform.App, instance, ct), timeout.Token);
        var (known, unknown, killedAt, restartingAt) = (outage.Known, outage.Unknown, outage.DownAt, outage.RestartingAt);

        // From the first read the read side did not serve after the kill until its instances were started again: only
        // fallbacks. Throughout, every answer is either served by an instance or the fallback: never a 502, never none.
        var all = known.Concat(unknown).OrderBy(a => a.At).ToList();
        var firstFailure = all.First(a => a.At > killedAt && a.ServedBy is null).At;
        var duringOutage = all.Where(a => a.At >= firstFailure && a.At < restartingAt).ToList();
        var notFallback = duringOutage.Where(a => !a.IsFallback).ToList();
        var neither = all.Where(a => !a.IsFallback && !(a.ServedBy is not null && a.Status is HttpStatusCode.OK or HttpStatusCode.NotFound)).ToList();
        var cameBack = all.First(a => a.At > restartingAt && a.ServedBy is not null).At;
        output.WriteLine($"Figures: outage fallback: {duringOutage.Count} reads from the first failure ({(firstFailure - killedAt).TotalSeconds:0.00} s after "
            + $"the kill began) until the instances were started again: {duringOutage.Count(a => a.FromCache)} from the cache, "
            + $"{duringOutage.Count(a => a.Unavailable && !a.OpenCircuit)} 503 before the circuit opened, {duringOutage.Count(a => a.OpenCircuit)} 503 "
            + $"with it open, {notFallback.Count} anything else; served again {(cameBack - restartingAt).TotalSeconds:0.0} s after the restart began; "
            + $"in all {all.Count} reads, {neither.Count} neither served nor the fallback");

        Assert.True(notFallback.Count == 0, $"answers that were not the fallback during the outage: {SteadyReads.Summary(notFallback)}");
        Assert.True(neither.Count == 0, $"answers that were neither served nor the fallback: {SteadyReads.Summary(neither)}");
        Assert.Contains(duringOutage, a => a.Unavailable && !a.OpenCircuit); // the fallback came before the circuit opened,
        Assert.Contains(duringOutage, a => a.OpenCircuit); // and went on once it had
        Assert.DoesNotContain(unknown, a => a.FromCache); // a 404 is never kept, so never served from the cache
    }
}
