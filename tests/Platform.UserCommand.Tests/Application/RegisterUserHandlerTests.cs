using Platform.UserCommand.Application;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Tests.Application;

public sealed class RegisterUserHandlerTests
{
    private readonly InMemoryUserRepository users = new();
    private readonly RegisterUserHandler handler;

    public RegisterUserHandlerTests() => handler = new RegisterUserHandler(users, new NoRegistrationHooks());

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
}
