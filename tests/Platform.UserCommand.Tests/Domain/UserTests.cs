using Platform.Testing;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Tests.Domain;

/// <summary>The user as a decider: Given its events, When a command, Then the events it causes or the rule that refuses it.</summary>
public sealed class UserTests
{
    private static readonly Guid AdaId = Guid.CreateVersion7();
    private static readonly UserCreated AdaRegistered = new(AdaId, "Ada Lovelace", "ada@example.com");

    private static DeciderSpec<User> Spec() => new(UserDecider.Evolve);

    private static EmailAddress Email(string address) => EmailAddress.Parse(address);

    [Fact]
    public void Registering_records_who_the_user_is_normalised() =>
        Spec().Given()
            .When(state => UserDecider.Decide(new User.Register(AdaId, UserName.Parse("  Ada Lovelace "), Email("Ada@Example.COM")), state))
            .Then(AdaRegistered);

    [Fact]
    public void Registering_needs_an_id() =>
        Assert.Equal("id", Spec().Given()
            .When(state => UserDecider.Decide(new User.Register(Guid.Empty, UserName.Parse("Ada"), Email("ada@example.com")), state))
            .ThenRefused<InvalidUserDataException>().Field);

    [Fact]
    public void A_user_is_registered_once() =>
        Spec().Given(AdaRegistered)
            .When(state => UserDecider.Decide(new User.Register(AdaId, UserName.Parse("Ada"), Email("ada@example.com")), state))
            .ThenRefused<InvalidUserDataException>();

    [Fact]
    public void Changing_the_email_records_the_old_and_the_new_address() =>
        Spec().Given(AdaRegistered)
            .When(state => UserDecider.Decide(new User.ChangeEmail(Email("countess@example.com")), state))
            .Then(new EmailUpdated(AdaId, "ada@example.com", "countess@example.com"));

    [Fact]
    public void Changing_from_the_latest_address_after_earlier_changes() =>
        Spec().Given(AdaRegistered, new EmailUpdated(AdaId, "ada@example.com", "one@example.com"))
            .When(state => UserDecider.Decide(new User.ChangeEmail(Email("two@example.com")), state))
            .Then(new EmailUpdated(AdaId, "one@example.com", "two@example.com"));

    [Fact]
    public void Changing_to_the_same_email_records_nothing() =>
        Spec().Given(AdaRegistered)
            .When(state => UserDecider.Decide(new User.ChangeEmail(Email("ADA@example.com")), state))
            .Then();

    [Fact]
    public void Only_a_registered_user_changes_its_email() =>
        Spec().Given()
            .When(state => UserDecider.Decide(new User.ChangeEmail(Email("ada@example.com")), state))
            .ThenRefused<InvalidUserDataException>();

    [Fact]
    public void A_new_user_is_at_version_one_with_the_registered_data() =>
        Assert.Equal(new User(AdaId, "Ada Lovelace", "ada@example.com", 1), Spec().Given(AdaRegistered).State);

    [Fact]
    public void Folding_the_stream_rebuilds_the_latest_state_and_counts_the_version()
    {
        var state = Spec().Given(AdaRegistered,
                new EmailUpdated(AdaId, "ada@example.com", "one@example.com"),
                new EmailUpdated(AdaId, "one@example.com", "two@example.com"),
                new EmailUpdated(AdaId, "two@example.com", "three@example.com"))
            .State;

        Assert.Equal(("three@example.com", 4L), (state!.Email, state.Version));
    }

    [Fact]
    public void Evolve_refuses_an_event_that_cannot_come_first() =>
        Assert.Throws<InvalidOperationException>(() => UserDecider.Evolve(null, new EmailUpdated(AdaId, "a@example.com", "b@example.com")));

    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Erasing_records_that_the_personal_data_is_gone_once() =>
        Spec().Given(AdaRegistered, new EmailUpdated(AdaId, "ada@example.com", "countess@example.com"))
            .When(state => UserDecider.Decide(new User.Erase(Now), state))
            .Then(new PersonalDataErased(AdaId, Now));

    [Fact]
    public void An_erased_user_keeps_only_its_id_and_erasing_it_again_records_nothing()
    {
        var erased = new[] { AdaRegistered, new EmailChangeRequested(AdaId, "new@example.com", Now), (object)new PersonalDataErased(AdaId, Now) }
            .Aggregate((User?)null, UserDecider.Evolve)!;

        Assert.Equal((AdaId, PersonalData.Erased, PersonalData.Erased, null, true, 3L), (erased.Id, erased.Name, erased.Email, erased.Pending, erased.Erased, erased.Version));
        Assert.Empty(UserDecider.Decide(new User.Erase(Now), erased));
    }
}
