using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Platform.EndToEndTests.Infrastructure;
using Platform.UserCommand.Domain;
using Platform.UserCommand.Infrastructure.EventStore;

namespace Platform.EndToEndTests.Users;

/// <summary>
/// Every snapshot policy user-command offers (EventStore:UserSnapshots, ADR 0011) loads a user as a replay of its
/// events would: a registration, then an email change, each in a transaction of its own, as the service writes them.
/// An inline snapshot under Marten 9's quick appends came back at version 0 (found by ./bench.sh snapshots).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class UserSnapshotPolicyTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("Inline")]
    [InlineData("Async")]
    [InlineData("None")]
    public async Task A_user_loads_as_its_replay_under_each_snapshot_policy(string setting)
    {
        var policy = UserSnapshots.Lifecycle(new ConfigurationBuilder().AddInMemoryCollection([new(UserSnapshots.Setting, setting)]).Build());
        await using var database = await ScratchDatabase.CreateAsync((await platform.App.GetConnectionStringAsync("usercommand-db"))!, "snapshots");
        await using var store = DocumentStore.For(options =>
        {
            options.Connection(database.ConnectionString);
            options.UseSystemTextJsonForSerialization();
            UserSnapshots.Register(options, policy);
        });
        var id = Guid.CreateVersion7();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<User>(id, new UserCreated(id, "Policy Test", "policy-0@example.com"));
            await session.SaveChangesAsync();
        }
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(id, new EmailUpdated(id, "policy-0@example.com", "policy-1@example.com"));
            await session.SaveChangesAsync();
        }
        if (policy == SnapshotLifecycle.Async)
        {
            using var daemon = await store.BuildProjectionDaemonAsync();
            await daemon.RebuildProjectionAsync<User>(CancellationToken.None);
        }

        await using var reading = store.LightweightSession();
        var loaded = await reading.Events.FetchLatest<User>(id);
        var replayed = await reading.Events.AggregateStreamAsync<User>(id);
        Assert.NotNull(replayed);
        Assert.Equal(2, replayed.Version);
        Assert.Equal(replayed, loaded);
    }
}
