using Platform.Email.Domain;

namespace Platform.Email.Tests.Domain;

/// <summary>The delivery state machine: Queued → Sent, or Queued → Retrying (→ Retrying …) → Sent or Dead.</summary>
public sealed class OutgoingMailTests
{
    private static OutgoingMail NewMail() => Mails.Welcome(Guid.NewGuid(), 1, "Ada", "ada@example.com", "http://localhost/activate?user=1&code=secret", DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_new_mail_is_queued_and_untried()
    {
        var mail = NewMail();

        Assert.Equal(DeliveryState.Queued, mail.State);
        Assert.Equal(0, mail.Attempts);
        Assert.False(mail.IsSettled);
    }

    [Fact]
    public void A_mail_the_server_accepted_is_sent_and_settled()
    {
        var mail = NewMail();

        mail.Sent();

        Assert.Equal(DeliveryState.Sent, mail.State);
        Assert.Equal(1, mail.Attempts);
        Assert.True(mail.IsSettled);
    }

    [Fact]
    public void A_failed_attempt_that_is_not_the_last_is_retrying_with_its_error()
    {
        var mail = NewMail();

        mail.Failed("connection refused", lastAttempt: false);

        Assert.Equal(DeliveryState.Retrying, mail.State);
        Assert.Equal("connection refused", mail.LastError);
        Assert.False(mail.IsSettled);
    }

    [Fact]
    public void A_retried_mail_that_gets_through_is_sent_and_forgets_its_error()
    {
        var mail = NewMail();
        mail.Failed("421 try later", lastAttempt: false);
        mail.Failed("421 try later", lastAttempt: false);

        mail.Sent();

        Assert.Equal(DeliveryState.Sent, mail.State);
        Assert.Equal(3, mail.Attempts);
        Assert.Null(mail.LastError);
    }

    [Fact]
    public void The_last_failed_attempt_makes_the_mail_dead()
    {
        var mail = NewMail();
        mail.Failed("550 no such user", lastAttempt: false);

        mail.Failed("550 no such user", lastAttempt: true);

        Assert.Equal(DeliveryState.Dead, mail.State);
        Assert.True(mail.IsSettled);
    }

    [Fact]
    public void A_settled_mail_takes_no_further_attempt()
    {
        var sent = NewMail();
        sent.Sent();
        var dead = NewMail();
        dead.Failed("550", lastAttempt: true);

        Assert.Throws<InvalidOperationException>(sent.Sent);
        Assert.Throws<InvalidOperationException>(() => dead.Failed("again", lastAttempt: false));
    }

    [Fact]
    public void An_email_change_writes_to_the_address_left_and_to_the_new_one()
    {
        var id = Guid.NewGuid();

        var mails = Mails.EmailChanged(id, 4, "old@example.com", "new@example.com");

        Assert.Equal([("old@example.com", MailPurpose.EmailChangedFrom), ("new@example.com", MailPurpose.EmailChangedTo)],
            mails.Select(mail => (mail.To, mail.Key.Purpose)));
        Assert.All(mails, mail => Assert.Equal((id, 4L), (mail.Key.UserId, mail.Key.Version)));
    }
}
