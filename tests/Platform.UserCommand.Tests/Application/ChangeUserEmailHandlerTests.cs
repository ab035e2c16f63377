using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Application.ChangingEmail;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Tests.Application;

public sealed class ChangeUserEmailHandlerTests
{
    private readonly InMemoryUsers users = new();
    private readonly ChangeUserEmailHandler handler;

    public ChangeUserEmailHandlerTests() => handler = new ChangeUserEmailHandler(users.AddressChanges());

    private async Task<Guid> RegisteredAsync(string email = "ada@example.com")
    {
        var result = await users.Registrations().HandleAsync(new RegisterUser("Ada", email), default);
        return result.Id;
    }

    [Fact]
    public async Task A_change_at_the_current_version_appends_one_event_and_returns_the_next_version()
    {
        var id = await RegisteredAsync();

        var result = await handler.HandleAsync(new ChangeUserEmail(id, "countess@example.com", 1), default);

        Assert.Equal(new StreamVersion(id, 2), result);
        Assert.Equal(new EmailUpdated(id, "ada@example.com", "countess@example.com"), users.EventsOf(id)[^1]);
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_before_anything_is_written()
    {
        var id = await RegisteredAsync();
        await handler.HandleAsync(new ChangeUserEmail(id, "second@example.com", null), default);

        await Assert.ThrowsAsync<StaleVersionException>(
            () => handler.HandleAsync(new ChangeUserEmail(id, "third@example.com", 1), default));
        Assert.Equal(2, users.EventsOf(id).Count);
    }

    [Fact]
    public async Task Losing_a_race_after_the_check_is_a_failed_precondition_for_a_conditional_change()
    {
        var id = await RegisteredAsync();
        users.InterleaveBeforeNextCommit = () => handler.HandleAsync(new ChangeUserEmail(id, "winner@example.com", null), default).GetAwaiter().GetResult();

        await Assert.ThrowsAsync<StaleVersionException>(
            () => handler.HandleAsync(new ChangeUserEmail(id, "loser@example.com", 1), default));
    }

    [Fact]
    public async Task A_change_that_commits_frees_the_old_address_and_one_that_loses_its_race_gives_the_new_one_back()
    {
        var id = await RegisteredAsync("first@example.com");
        users.InterleaveBeforeNextCommit = () => handler.HandleAsync(new ChangeUserEmail(id, "winner@example.com", null), default).GetAwaiter().GetResult();

        await Assert.ThrowsAsync<ConcurrentChangeException>(() => handler.HandleAsync(new ChangeUserEmail(id, "loser@example.com", null), default));

        Assert.Equal(new Dictionary<string, Guid> { ["winner@example.com"] = id }, users.Reservations);
    }

    [Fact]
    public async Task An_address_another_user_holds_is_refused_before_anything_is_appended()
    {
        var holder = await RegisteredAsync("held@example.com");
        var id = await RegisteredAsync("mine@example.com");

        await Assert.ThrowsAsync<EmailAlreadyTakenException>(() => handler.HandleAsync(new ChangeUserEmail(id, "held@example.com", null), default));

        Assert.Single(users.EventsOf(id));
        Assert.Equal((holder, id), (users.Reservations["held@example.com"], users.Reservations["mine@example.com"]));
    }

    [Fact]
    public async Task Losing_a_race_without_If_Match_is_a_conflict()
    {
        var id = await RegisteredAsync();
        users.InterleaveBeforeNextCommit = () => handler.HandleAsync(new ChangeUserEmail(id, "winner@example.com", null), default).GetAwaiter().GetResult();

        await Assert.ThrowsAsync<ConcurrentChangeException>(
            () => handler.HandleAsync(new ChangeUserEmail(id, "loser@example.com", null), default));
    }

    [Fact]
    public async Task Changing_to_the_same_email_writes_nothing_and_keeps_the_version()
    {
        var id = await RegisteredAsync();

        var result = await handler.HandleAsync(new ChangeUserEmail(id, " ADA@example.com ", 1), default);

        Assert.Equal(new StreamVersion(id, 1), result);
        Assert.Single(users.EventsOf(id));
    }

    [Fact]
    public async Task An_unknown_user_is_reported_as_such()
    {
        await Assert.ThrowsAsync<StreamNotFoundException>(
            () => handler.HandleAsync(new ChangeUserEmail(Guid.NewGuid(), "x@example.com", null), default));
    }

    [Fact]
    public async Task Invalid_input_is_refused_before_the_user_is_even_loaded()
    {
        await Assert.ThrowsAsync<InvalidUserDataException>(
            () => handler.HandleAsync(new ChangeUserEmail(Guid.NewGuid(), "not-an-email", null), default));
    }
}
