using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Tests.Domain;

public sealed class UserTests
{
    private static readonly Guid AdaId = Guid.CreateVersion7();

    private static User RegisteredAda() =>
        User.Create(User.Register(AdaId, UserName.Parse("Ada Lovelace"), EmailAddress.Parse("ada@example.com")));

    [Fact]
    public void Registering_records_who_the_user_is()
    {
        var created = User.Register(AdaId, UserName.Parse("  Ada Lovelace "), EmailAddress.Parse("Ada@Example.COM"));

        Assert.Equal(new UserCreated(AdaId, "Ada Lovelace", "ada@example.com"), created);
    }

    [Fact]
    public void A_new_user_is_at_version_one_with_the_registered_data()
    {
        var ada = RegisteredAda();

        Assert.Equal((AdaId, "Ada Lovelace", "ada@example.com", 1L), (ada.Id, ada.Name, ada.Email, ada.Version));
    }

    [Fact]
    public void Registering_needs_an_id()
    {
        var error = Assert.Throws<InvalidUserDataException>(
            () => User.Register(Guid.Empty, UserName.Parse("Ada"), EmailAddress.Parse("ada@example.com")));

        Assert.Equal("id", error.Field);
    }

    [Fact]
    public void Changing_the_email_records_the_old_and_the_new_address()
    {
        var updated = RegisteredAda().ChangeEmail(EmailAddress.Parse("countess@example.com"));

        Assert.Equal(new EmailUpdated(AdaId, "ada@example.com", "countess@example.com"), updated);
    }

    [Fact]
    public void Changing_to_the_same_email_records_nothing()
    {
        Assert.Null(RegisteredAda().ChangeEmail(EmailAddress.Parse("ADA@example.com")));
    }

    [Fact]
    public void Applying_a_change_moves_the_user_to_the_next_version()
    {
        var ada = RegisteredAda();
        ada.Apply(ada.ChangeEmail(EmailAddress.Parse("countess@example.com"))!);

        Assert.Equal(("countess@example.com", 2L), (ada.Email, ada.Version));
    }

    [Fact]
    public void Replaying_the_stream_rebuilds_the_latest_state()
    {
        var ada = RegisteredAda();
        foreach (var address in new[] { "one@example.com", "two@example.com", "three@example.com" })
            ada.Apply(ada.ChangeEmail(EmailAddress.Parse(address))!);

        Assert.Equal(("three@example.com", 4L), (ada.Email, ada.Version));
    }
}
