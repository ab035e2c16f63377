namespace Platform.Email.Application.DeliveringMail;

/// <summary>
/// How long a mail keeps being retried while the SMTP server refuses it: with backoff, about two minutes in all,
/// then the message moves to its _error queue and the mail is dead. In memory (MassTransit's message retry):
/// delayed redelivery needs a broker plugin Debian's RabbitMQ lacks.
/// </summary>
public static class MailRetries
{
    public static readonly TimeSpan[] Intervals =
        [.. new[] { 1, 2, 4, 8, 15, 30, 30, 30 }.Select(seconds => TimeSpan.FromSeconds(seconds))];

    /// <summary>Whether the attempt numbered <paramref name="retryAttempt"/> (0 the first) is the last one.</summary>
    public static bool IsLast(int retryAttempt) => retryAttempt >= Intervals.Length;
}
