using System.Net;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Gateway;

/// <summary>
/// The read side runs as two instances behind the gateway: the load spreads over both, a killed instance loses no
/// GET (the gateway retries on the other, and its health checks take the dead one out), and a restarted instance
/// is brought back into rotation with no manual step.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ReplicaTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const string Victim = "user-query-2";
    private readonly UsersApi users = new(platform.Gateway);

    [Fact]
    public async Task Killing_one_read_side_instance_under_steady_reads_loses_no_GET_and_it_comes_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var id = await users.RegisterNewAsync("Replica Reader");
        await users.WaitForProfileAsync(id, TimeSpan.FromSeconds(10));

        IReadOnlyList<SteadyReads.Answer> answers, balanced;
        DateTime killedAt, restartedAt;
        await using (var reads = SteadyReads.Start(platform.Gateway, $"/api/users/{id}"))
        {
            await Eventually.HoldsAsync(() => Task.FromResult(ServedBy(reads.Since(DateTime.MinValue)).Count == 2), TimeSpan.FromSeconds(20),
                "both instances to serve reads");
            await Task.Delay(TimeSpan.FromSeconds(2), timeout.Token);
            balanced = reads.Since(DateTime.MinValue);

            await ResourceProcess.KillAsync(platform.App, Victim, timeout.Token);
            killedAt = DateTime.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(4), timeout.Token);
            await platform.Resources.StartAsync(Victim, timeout.Token);
            restartedAt = DateTime.UtcNow;
            try
            {
                await Eventually.HoldsAsync(() => Task.FromResult(ServedBy(reads.Since(restartedAt)).Contains(Victim)), TimeSpan.FromSeconds(30),
                    $"{Victim} to serve reads again after its restart");
            }
            catch (TimeoutException late)
            {
                Assert.Fail($"{late.Message}; answers since: {SteadyReads.Summary(reads.Since(restartedAt))}");
            }
            answers = reads.Since(DateTime.MinValue);
        }

        var failed = answers.Where(answer => answer.Status != HttpStatusCode.OK).ToList();
        var whileDown = answers.Count(answer => answer.At > killedAt && answer.At < restartedAt);
        output.WriteLine($"Figures: gateway replicas: {answers.Count} GETs, {failed.Count} failed; {whileDown} while {Victim} was down; "
            + SteadyReads.Summary(answers));
        Assert.True(failed.Count == 0, $"{failed.Count} GETs failed: {string.Join(", ", failed.Select(f => f.Status).Distinct())}");
        Assert.True(whileDown > 0, "reads should have gone on while the instance was down");
        var share = balanced.Count(answer => answer.ServedBy == Victim) / (double)balanced.Count;
        Assert.True(share is > 0.3 and < 0.7, $"with both up, {Victim} served {share:P0} of the reads: {SteadyReads.Summary(balanced)}");
    }

    private static HashSet<string?> ServedBy(IEnumerable<SteadyReads.Answer> answers) =>
        [.. answers.Where(answer => answer.Status == HttpStatusCode.OK).Select(answer => answer.ServedBy)];
}
