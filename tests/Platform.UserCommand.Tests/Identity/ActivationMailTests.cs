using JasperFx.Events;
using Microsoft.Extensions.Options;
using Platform.Contracts.Users.V1;
using Platform.EventStore.Outbox;
using Platform.UserCommand.Application.ActivatingAccount;
using Platform.UserCommand.Application.ChangingEmail;
using Platform.UserCommand.Domain;
using Platform.UserCommand.Infrastructure.Outbox;
using Platform.UserCommand.Tests.Application;

namespace Platform.UserCommand.Tests.Identity;

/// <summary>
/// A registration, once committed, sends the public UserRegistered and asks the email service for the welcome with
/// the activation link; the link's code is derived again (it is stored nowhere) and never enters the public history.
/// </summary>
public sealed class ActivationMailTests
{
    private static readonly EmailChangeCodes EmailChanges = new(Options.Create(InMemoryUsers.Activation));
    private readonly UserOutboxMessages outbox = new(new ActivationCodes(Options.Create(InMemoryUsers.Activation)), EmailChanges, Options.Create(InMemoryUsers.Activation));

    [Fact]
    public void A_registration_sends_the_public_event_and_the_link_whose_code_matches_the_stored_hash()
    {
        var userId = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        var stored = new Event<UserCreated>(new UserCreated(userId, "Ada", "ada@example.com")) { Version = 1, Timestamp = at };

        var messages = outbox.ToMessages(stored).ToList();

        Assert.Equal(new UserRegistered(userId, "Ada", "ada@example.com", 1, at), messages[0]);
        var activation = Assert.IsType<AccountActivationRequested>(messages[1]);
        Assert.Equal((userId, "ada@example.com", at.AddHours(24)), (activation.UserId, activation.Email, activation.ExpiresAt));
        var code = activation.ActivationLink.Split("code=")[1];
        Assert.True(ActivationCodes.Matches(ActivationCodes.Hash(new ActivationCodes(Options.Create(InMemoryUsers.Activation)).CodeFor(userId)), code));
        Assert.Equal(messages, outbox.ToMessages(stored).ToList()); // a re-send sends the same link

        IOutboxMessages history = outbox;
        Assert.Equal([true, false], messages.Select(history.InHistory));
    }

    [Fact]
    public void An_email_change_request_mails_its_code_to_the_new_address_only_and_never_into_the_history()
    {
        var userId = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        var stored = new Event<EmailChangeRequested>(new EmailChangeRequested(userId, "countess@example.com", at)) { Version = 4, Timestamp = at };

        var confirmation = Assert.IsType<EmailChangeConfirmationRequested>(Assert.Single(outbox.ToMessages(stored)));

        Assert.Equal((userId, "countess@example.com", at.AddHours(24), 4L), (confirmation.UserId, confirmation.NewEmail, confirmation.ExpiresAt, confirmation.Version));
        Assert.True(EmailChanges.Confirms(userId, new PendingEmail("countess@example.com", 4, at), confirmation.Code, at.AddHours(1)));
        Assert.False(((IOutboxMessages)outbox).InHistory(confirmation));
    }
}
