using Platform.UserCommand.Application;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Tests.Application;

public sealed class RegisterUserHandlerTests
{
    private readonly InMemoryUsers users = new();
    private readonly RegisterUserHandler handler;

    public RegisterUserHandlerTests() => handler = users.Registrations();

    [Fact]
    public async Task Registering_starts_a_stream_at_version_one_with_normalised_data()
    {
        var result = await handler.HandleAsync(new RegisterUser(" Ada ", "Ada@Example.com"), default);

        Assert.Equal(1, result.Version);
        Assert.Equal([new UserCreated(result.Id, "Ada", "ada@example.com")], users.EventsOf(result.Id));
    }

    [Fact]
    public async Task Every_registration_gets_its_own_id()
    {
        var first = await handler.HandleAsync(new RegisterUser("Ada", "ada@example.com"), default);
        var second = await handler.HandleAsync(new RegisterUser("Grace", "grace@example.com"), default);

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Invalid_input_starts_no_stream()
    {
        await Assert.ThrowsAsync<InvalidUserDataException>(() => handler.HandleAsync(new RegisterUser("", "ada@example.com"), default));

        Assert.Equal(0, users.StreamCount);
    }

    [Fact]
    public async Task The_same_idempotency_key_again_answers_the_first_registration_and_registers_nothing()
    {
        var first = await handler.HandleAsync(new RegisterUser("Ada", "ada@example.com", "key-1"), default);
        var again = await handler.HandleAsync(new RegisterUser("Ada", "ada@example.com", "key-1"), default);

        Assert.Equal((first.Id, 1L, false, true), (again.Id, again.Version, first.Replayed, again.Replayed));
        Assert.Equal(1, users.StreamCount);
    }

    [Fact]
    public async Task A_concurrent_registration_with_the_same_key_that_committed_first_is_the_answer()
    {
        users.InterleaveBeforeNextReservation = () => handler.HandleAsync(new RegisterUser("Ada", "ada@example.com", "key-1"), default).GetAwaiter().GetResult();

        var late = await handler.HandleAsync(new RegisterUser("Ada", "ada@example.com", "key-1"), default);

        Assert.True(late.Replayed);
        Assert.Equal(1, users.StreamCount);
    }

    [Fact]
    public async Task The_same_key_for_another_registration_is_refused_and_registers_nothing()
    {
        await handler.HandleAsync(new RegisterUser("Ada", "ada@example.com", "key-1"), default);

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => handler.HandleAsync(new RegisterUser("Grace", "grace@example.com", "key-1"), default));
        Assert.Equal(1, users.StreamCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\tkey")]
    public async Task A_malformed_idempotency_key_is_invalid_input(string key) =>
        Assert.Equal("Idempotency-Key", (await Assert.ThrowsAsync<InvalidUserDataException>(
            () => handler.HandleAsync(new RegisterUser("Ada", "ada@example.com", key), default))).Field);
}
