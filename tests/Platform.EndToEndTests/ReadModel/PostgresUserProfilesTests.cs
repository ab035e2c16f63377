using Npgsql;
using Platform.Contracts.Users.V1;
using Platform.EndToEndTests.Infrastructure;
using Platform.UserQuery.Application;
using Platform.UserQuery.Infrastructure;

namespace Platform.EndToEndTests.ReadModel;

/// <summary>The read model's idempotency, against the real userquery database the platform started.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PostgresUserProfilesTests(PlatformFixture platform) : IAsyncLifetime
{
    private static readonly DateTimeOffset Registered = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private NpgsqlDataSource db = null!;
    private PostgresUserProfiles profiles = null!;

    public async Task InitializeAsync()
    {
        db = NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync("userquery-db"))!);
        profiles = new PostgresUserProfiles(db);
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task A_registration_delivered_twice_is_stored_once_as_first_delivered()
    {
        var registered = Registration();

        Assert.True(await profiles.AddAsync(registered, default));
        Assert.False(await profiles.AddAsync(registered with { Name = "Changed In Transit" }, default));

        var stored = await profiles.FindAsync(registered.UserId, default);
        Assert.Equal(new UserProfile(registered.UserId, "Katherine Johnson", registered.Email, 1, Registered, Registered), stored);
    }

    [Fact]
    public async Task An_email_change_applies_once_and_an_older_one_never_overwrites_a_newer_one()
    {
        var registered = Registration();
        await profiles.AddAsync(registered, default);
        var second = Change(registered, "second", version: 2);
        var third = Change(registered, "third", version: 3);

        Assert.Equal(ProjectionOutcome.Applied, await profiles.ApplyAsync(third, default));
        Assert.Equal(ProjectionOutcome.AlreadyApplied, await profiles.ApplyAsync(third, default));
        Assert.Equal(ProjectionOutcome.AlreadyApplied, await profiles.ApplyAsync(second, default));

        var stored = await profiles.FindAsync(registered.UserId, default);
        Assert.Equal((third.Email, 3L, third.OccurredAt), (stored!.Email, stored.Version, stored.UpdatedAt));
    }

    [Fact]
    public async Task A_change_that_overtakes_its_registration_waits_for_it_and_then_applies()
    {
        var registered = Registration();
        var change = Change(registered, "early", version: 2);

        Assert.Equal(ProjectionOutcome.ProfileNotYetKnown, await profiles.ApplyAsync(change, default));
        Assert.Null(await profiles.FindAsync(registered.UserId, default));

        await profiles.AddAsync(registered, default);
        Assert.Equal(ProjectionOutcome.Applied, await profiles.ApplyAsync(change, default));
        Assert.Equal(change.Email, (await profiles.FindAsync(registered.UserId, default))!.Email);
    }

    private static UserRegistered Registration() =>
        new(Guid.CreateVersion7(), "Katherine Johnson", UsersApi.UniqueEmail("katherine"), 1, Registered);

    private static UserEmailChanged Change(UserRegistered user, string who, long version) =>
        new(user.UserId, user.Email, UsersApi.UniqueEmail(who), version, Registered.AddMinutes(version));
}
