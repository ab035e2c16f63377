using Microsoft.Extensions.Logging.Abstractions;
using Platform.Email.Application;
using Platform.Email.Domain;
using Platform.Email.Application.DeliveringMail;

namespace Platform.Email.Tests.Application;

public sealed class MailDeliveryTests
{
    private readonly InMemoryMailLog log = new();
    private readonly RecordingMailSender server = new();
    private readonly MailDelivery delivery;
    private readonly Guid user = Guid.NewGuid();

    public MailDeliveryTests() => delivery = new MailDelivery(log, server, NullLogger<MailDelivery>.Instance);

    [Fact]
    public async Task Each_mail_of_an_event_is_sent_and_recorded_as_sent()
    {
        await delivery.DeliverAsync(Mails.EmailChanged(user, 2, "old@example.com", "new@example.com"), lastAttempt: false, default);

        Assert.Equal(["old@example.com", "new@example.com"], server.Accepted.Select(mail => mail.To));
        Assert.All(log.Recorded, mail => Assert.Equal(DeliveryState.Sent, mail.State));
    }

    [Fact]
    public async Task The_welcome_is_sent_with_its_one_time_code_and_the_log_keeps_it_without()
    {
        await delivery.DeliverAsync([Mails.Welcome(user, 1, "Ada", "ada@example.com", "http://gw.test/activate?user=1&code=s3cr3t", DateTimeOffset.UnixEpoch)],
            lastAttempt: false, default);

        Assert.Contains("http://gw.test/activate?user=1&code=s3cr3t", Assert.Single(server.Accepted).Body);
        var logged = Assert.Single(log.Recorded);
        Assert.DoesNotContain("s3cr3t", logged.Body);
        Assert.Contains("http://gw.test/activate?user=1&code=(sent, not kept)", logged.Body);
        Assert.Equal(DeliveryState.Sent, logged.State);
    }

    [Fact]
    public async Task The_same_event_delivered_again_sends_nothing()
    {
        await delivery.DeliverAsync([Mails.Welcome(user, 1, "Ada", "ada@example.com", "http://localhost/activate?user=1&code=secret", DateTimeOffset.UnixEpoch)], lastAttempt: false, default);

        await delivery.DeliverAsync([Mails.Welcome(user, 1, "Ada", "ada@example.com", "http://localhost/activate?user=1&code=secret", DateTimeOffset.UnixEpoch)], lastAttempt: false, default);

        Assert.Single(server.Accepted);
    }

    [Fact]
    public async Task A_refused_mail_is_retrying_and_the_attempt_fails_so_the_bus_retries_it()
    {
        server.RefuseWith = "connection refused";

        var failure = await Assert.ThrowsAsync<MailNotSentException>(() =>
            delivery.DeliverAsync([Mails.Welcome(user, 1, "Ada", "ada@example.com", "http://localhost/activate?user=1&code=secret", DateTimeOffset.UnixEpoch)], lastAttempt: false, default));

        var mail = Assert.Single(log.Recorded);
        Assert.Equal(DeliveryState.Retrying, mail.State);
        Assert.Contains("connection refused", failure.Message);
    }

    [Fact]
    public async Task A_retry_after_a_refusal_sends_the_mail_once()
    {
        server.RefuseWith = "421 busy";
        await Assert.ThrowsAsync<MailNotSentException>(() =>
            delivery.DeliverAsync([Mails.Welcome(user, 1, "Ada", "ada@example.com", "http://localhost/activate?user=1&code=secret", DateTimeOffset.UnixEpoch)], lastAttempt: false, default));
        server.RefuseWith = null;

        await delivery.DeliverAsync([Mails.Welcome(user, 1, "Ada", "ada@example.com", "http://localhost/activate?user=1&code=secret", DateTimeOffset.UnixEpoch)], lastAttempt: false, default);

        Assert.Single(server.Accepted);
        Assert.Equal(2, Assert.Single(log.Recorded).Attempts);
    }

    [Fact]
    public async Task Refused_on_the_last_attempt_the_mail_is_dead()
    {
        server.RefuseWith = "550 mailbox unavailable";

        await Assert.ThrowsAsync<MailNotSentException>(() =>
            delivery.DeliverAsync([Mails.Welcome(user, 1, "Ada", "ada@example.com", "http://localhost/activate?user=1&code=secret", DateTimeOffset.UnixEpoch)], lastAttempt: true, default));

        Assert.Equal(DeliveryState.Dead, Assert.Single(log.Recorded).State);
    }

    [Fact]
    public async Task One_mail_refused_does_not_hold_back_the_other_of_the_same_event()
    {
        var mails = Mails.EmailChanged(user, 2, "old@example.com", "new@example.com");
        var refusing = new RefusingOneAddress("old@example.com");
        var partial = new MailDelivery(log, refusing, NullLogger<MailDelivery>.Instance);

        await Assert.ThrowsAsync<MailNotSentException>(() => partial.DeliverAsync(mails, lastAttempt: false, default));

        Assert.Equal(["new@example.com"], refusing.Accepted);
    }

    [Fact]
    public void The_last_attempt_is_the_one_after_every_retry_interval() =>
        Assert.Equal([false, true], new[] { MailRetries.Intervals.Length - 1, MailRetries.Intervals.Length }.Select(MailRetries.IsLast));

    private sealed class RefusingOneAddress(string refused) : IMailSender
    {
        public List<string> Accepted { get; } = [];

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            if (mail.To == refused)
                throw new IOException("550");
            Accepted.Add(mail.To);
            return Task.CompletedTask;
        }
    }
}
