using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.ChangingEmail;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Tests.Application;

/// <summary>
/// A user's own email change takes effect only with the code mailed to the new address: a request changes nothing
/// but the pending address; the right code moves the user once; a wrong, used, superseded or expired code is refused.
/// </summary>
public sealed class EmailChangeHandlersTests
{
    private readonly InMemoryUsers users = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly EmailChangeCodes codes = new(Options.Create(InMemoryUsers.Activation));
    private readonly EmailChangeHandlers handlers;

    public EmailChangeHandlersTests() => handlers = new EmailChangeHandlers(users, users.AddressChanges(), codes, clock);

    private async Task<Guid> RegisteredAsync(string email = "ada@example.com") =>
        (await users.Registrations().HandleAsync(new RegisterUser("Ada", email), default)).Id;

    private string CodeOf(Guid id) => codes.CodeFor(id, users.Load(id)!.Pending!);

    [Fact]
    public async Task A_request_only_records_the_pending_address_and_its_code_moves_the_user_once()
    {
        var id = await RegisteredAsync();

        Assert.Equal(2, (await handlers.RequestAsync(new RequestEmailChange(id, "Countess@Example.com", 1), default)).Version);
        Assert.Equal(("ada@example.com", "countess@example.com"), (users.Load(id)!.Email, users.Load(id)!.Pending!.Email));
        var code = CodeOf(id);

        await Assert.ThrowsAsync<EmailChangeCodeInvalidException>(() => handlers.ConfirmAsync(new ConfirmEmailChange(id, "0123456789abcdef0123456789abcdef"), default));
        Assert.Equal(3, (await handlers.ConfirmAsync(new ConfirmEmailChange(id, code.ToUpperInvariant()), default)).Version);
        Assert.Equal(new EmailUpdated(id, "ada@example.com", "countess@example.com"), users.EventsOf(id)[^1]);
        Assert.Null(users.Load(id)!.Pending);

        await Assert.ThrowsAsync<EmailChangeCodeInvalidException>(() => handlers.ConfirmAsync(new ConfirmEmailChange(id, code), default)); // used
        Assert.Equal(3, users.EventsOf(id).Count);
    }

    [Fact]
    public async Task A_later_request_makes_the_earlier_code_worthless_and_a_code_expires_after_a_day()
    {
        var id = await RegisteredAsync();
        await handlers.RequestAsync(new RequestEmailChange(id, "first@example.com", null), default);
        var first = CodeOf(id);
        await handlers.RequestAsync(new RequestEmailChange(id, "second@example.com", null), default);

        await Assert.ThrowsAsync<EmailChangeCodeInvalidException>(() => handlers.ConfirmAsync(new ConfirmEmailChange(id, first), default));

        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<EmailChangeCodeInvalidException>(() => handlers.ConfirmAsync(new ConfirmEmailChange(id, CodeOf(id)), default));
        Assert.Equal("ada@example.com", users.Load(id)!.Email);
    }

    [Fact]
    public async Task Without_a_pending_change_any_code_is_refused_and_the_current_address_is_no_request()
    {
        var id = await RegisteredAsync();

        await Assert.ThrowsAsync<EmailChangeCodeInvalidException>(() => handlers.ConfirmAsync(new ConfirmEmailChange(id, null), default));
        Assert.Equal(1, (await handlers.RequestAsync(new RequestEmailChange(id, " ADA@example.com ", null), default)).Version);
        Assert.Single(users.EventsOf(id));
    }

    [Fact]
    public async Task An_address_another_user_took_meanwhile_is_refused_when_the_change_is_confirmed()
    {
        var id = await RegisteredAsync();
        await handlers.RequestAsync(new RequestEmailChange(id, "wanted@example.com", null), default);
        await RegisteredAsync("wanted@example.com");

        await Assert.ThrowsAsync<EmailAlreadyTakenException>(() => handlers.ConfirmAsync(new ConfirmEmailChange(id, CodeOf(id)), default));
        Assert.Equal("ada@example.com", users.Load(id)!.Email);
    }
}
