using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Application.ActivatingAccount;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Application.SigningIn;
using Platform.UserCommand.Domain;
using Platform.UserCommand.Infrastructure.Identity;
using Platform.UserCommand.Tests.Application;

namespace Platform.UserCommand.Tests.Identity;

/// <summary>
/// A registration leaves a pending account with the hash of its activation code; the code from the welcome mail and a
/// password activate it once, within a day; only an active account with its password signs in.
/// </summary>
public sealed class AccountActivationTests
{
    private const string Password = "correct horse battery";
    private readonly InMemoryUsers users = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly IPasswordHashing passwords = new IdentityPasswordHashing();
    private readonly ActivationCodes codes = new(Options.Create(InMemoryUsers.Activation));

    private ActivateAccountHandler Activation => new(users, passwords, clock);

    private SignInHandler SignIn => new(users, passwords);

    private async Task<Guid> RegisteredAsync(string email = "ada@example.com") =>
        (await users.Registrations(clock: clock).HandleAsync(new RegisterUser("Ada", email), default)).Id;

    [Fact]
    public async Task A_registration_leaves_a_pending_account_holding_only_the_hash_of_its_code()
    {
        var userId = await RegisteredAsync();

        var account = (await users.FindAsync(userId, default))!;
        Assert.Equal(AccountState.Pending, account.State);
        Assert.Null(account.PasswordHash);
        Assert.Equal(ActivationCodes.Hash(codes.CodeFor(userId)), account.ActivationCodeHash);
        Assert.NotEqual(codes.CodeFor(userId), account.ActivationCodeHash);
        Assert.Equal(clock.GetUtcNow().AddHours(24), account.ActivationExpiresAt);
        Assert.Null(await SignIn.HandleAsync("ada@example.com", Password, default)); // pending: no sign-in, whatever the password
    }

    [Fact]
    public async Task The_code_and_a_password_activate_the_account_once_and_then_it_signs_in()
    {
        var userId = await RegisteredAsync();

        await Activation.HandleAsync(new ActivateAccount(userId, codes.CodeFor(userId), Password), default);

        var account = (await users.FindAsync(userId, default))!;
        Assert.Equal((AccountState.Active, (string?)null), (account.State, account.ActivationCodeHash));
        Assert.DoesNotContain(Password, account.PasswordHash);
        Assert.Equal(userId, (await SignIn.HandleAsync(" Ada@Example.com ", Password, default))?.UserId);
        Assert.Null(await SignIn.HandleAsync("ada@example.com", "not the password", default));
        Assert.Null(await SignIn.HandleAsync("nobody@example.com", Password, default));
        await Assert.ThrowsAsync<ActivationCodeInvalidException>(() =>
            Activation.HandleAsync(new ActivateAccount(userId, codes.CodeFor(userId), "another password"), default)); // one-time
    }

    [Fact]
    public async Task A_wrong_or_expired_code_activates_nothing()
    {
        var userId = await RegisteredAsync();
        var other = await RegisteredAsync("grace@example.com");

        await Assert.ThrowsAsync<ActivationCodeInvalidException>(() =>
            Activation.HandleAsync(new ActivateAccount(userId, codes.CodeFor(other), Password), default));
        clock.Advance(TimeSpan.FromHours(24));
        await Assert.ThrowsAsync<ActivationCodeInvalidException>(() =>
            Activation.HandleAsync(new ActivateAccount(userId, codes.CodeFor(userId), Password), default));
        Assert.Equal(AccountState.Pending, (await users.FindAsync(userId, default))!.State);
    }

    [Theory]
    [InlineData(null, "code")]
    [InlineData("short", "password")]
    public async Task A_missing_code_or_a_short_password_is_refused_as_bad_input(string? password, string field)
    {
        var userId = await RegisteredAsync();
        var code = field == "code" ? null : codes.CodeFor(userId);

        var refused = await Assert.ThrowsAsync<InvalidUserDataException>(() =>
            Activation.HandleAsync(new ActivateAccount(userId, code, password ?? Password), default));
        Assert.Equal(field, refused.Field);
    }

    [Fact]
    public async Task An_unknown_user_is_not_found() =>
        await Assert.ThrowsAsync<StreamNotFoundException>(() => Activation.HandleAsync(new ActivateAccount(Guid.NewGuid(), "code", Password), default));

    [Fact]
    public void The_link_points_at_the_gateway_s_page_with_the_user_and_the_code()
    {
        var userId = Guid.NewGuid();
        Assert.Equal($"http://gateway.test/activate?user={userId}&code={codes.CodeFor(userId)}", codes.LinkFor(userId));
        Assert.Equal(32, codes.CodeFor(userId).Length);
        Assert.NotEqual(codes.CodeFor(userId), codes.CodeFor(Guid.NewGuid()));
    }
}
