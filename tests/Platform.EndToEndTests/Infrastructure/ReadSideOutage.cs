using System.Net;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// The read side taken down under steady reads through the gateway, and started again: two readers of a profile the
/// gateway has served (so it keeps a copy) and two of a user nobody has (404 while the read side is up). It waits
/// until the gateway has answered for the read side from its cache and with its open circuit's 503, starts every
/// instance again, and waits until both kinds of read are served again. The tests judge the answers.
/// </summary>
public sealed record ReadSideOutage(
    IReadOnlyList<SteadyReads.Answer> Known, IReadOnlyList<SteadyReads.Answer> Unknown, DateTime DownAt, DateTime RestartingAt, DateTime BackAt)
{
    public static readonly string[] Instances = ["user-query", "user-query-2"];

    /// <param name="takeDown">Takes one instance down: stops or kills it.</param>
    public static async Task<ReadSideOutage> RunAsync(PlatformFixture platform, Func<string, CancellationToken, Task> takeDown, CancellationToken ct)
    {
        var users = new UsersApi(platform.Gateway);
        var id = await users.RegisterNewAsync("Outage Reader");
        await users.WaitForProfileAsync(id, TimeSpan.FromSeconds(10));

        await using var known = SteadyReads.Start(platform.Gateway, $"/api/users/{id}", readers: 2);
        await using var unknown = SteadyReads.Start(platform.Gateway, $"/api/users/{Guid.NewGuid()}", readers: 2);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var downAt = DateTime.UtcNow;
        foreach (var instance in Instances)
            await takeDown(instance, ct);
        await Eventually.HoldsAsync(() => Task.FromResult(known.Since(downAt).Count(a => a.FromCache) >= 30
                && unknown.Since(downAt).Count(a => a.OpenCircuit) >= 30), TimeSpan.FromSeconds(30),
            "the gateway to answer for the read side, from its cache and, once its circuit is open, with its 503");

        var restartingAt = DateTime.UtcNow;
        await Task.WhenAll(Instances.Select(instance => platform.Resources.StartAsync(instance, ct)));
        var backAt = DateTime.UtcNow;
        await Eventually.HoldsAsync(() => Task.FromResult(known.Since(backAt).Count(a => a.Status == HttpStatusCode.OK && !a.FromCache) >= 20
                && unknown.Since(backAt).Count(a => a.Status == HttpStatusCode.NotFound) >= 20),
            TimeSpan.FromSeconds(30), "the read side to answer again once it is back");
        return new ReadSideOutage(known.Since(DateTime.MinValue), unknown.Since(DateTime.MinValue), downAt, restartingAt, backAt);
    }
}
