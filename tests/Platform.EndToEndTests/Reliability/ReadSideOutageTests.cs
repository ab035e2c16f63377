using System.Collections.Concurrent;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Reliability;

/// <summary>Events wait in RabbitMQ while the read side (every instance) is down; nothing registered meanwhile is lost, even in a crash.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ReadSideOutageTests(PlatformFixture platform)
{
    private static readonly string[] ReadSide = ["user-query", "user-query-2"];
    private readonly UsersApi users = new(platform.Gateway);

    [Fact]
    public async Task Users_registered_while_the_read_side_is_killed_all_reach_it_once_it_is_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var registered = new ConcurrentQueue<Guid>();
        using var stopLoad = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var i = 0; !stopLoad.IsCancellationRequested; i++)
                registered.Enqueue(await users.RegisterNewAsync($"Outage User {i}"));
        });

        await Task.Delay(500, timeout.Token);
        foreach (var instance in ReadSide)
            await ResourceProcess.KillAsync(platform.App, instance, timeout.Token);
        var registeredBeforeRestart = registered.Count;
        await Task.Delay(1_000, timeout.Token);
        foreach (var instance in ReadSide)
            await platform.Resources.StartAsync(instance, timeout.Token);
        await stopLoad.CancelAsync();
        await load;

        Assert.True(registered.Count > registeredBeforeRestart, "the load should have gone on while the read side was down");
        foreach (var id in registered)
            await users.WaitForProfileAsync(id, TimeSpan.FromSeconds(30));
    }
}
