using MassTransit;
using Npgsql;
using Platform.Benchmarks.Suite;
using Platform.Contracts.Users.V1;
using RabbitMQ.Client;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// The welcome mail's end-to-end delay, registration → mail accepted by the SMTP server, by each shape of the welcome
/// mail use case: the email service, always on, and the send-welcome-mail function, started cold by the registration's
/// event. Both consume the event from queues of their own, and the warm service always sends first; for the function's
/// rounds the email service's queue is detached from the event's exchange (an exchange-to-exchange binding, put back
/// after, as MassTransit declared it), so the function is the only consumer. The end is the mail log's
/// <c>updated_at</c> as the mail turned Sent: the database's clock, the same machine's as the benchmark's.
/// </summary>
public sealed class WelcomeMailDelay(BenchmarkOptions options, HttpClient http, Uri gateway) : IAsyncDisposable
{
    private static readonly TimeSpan SentWithin = TimeSpan.FromSeconds(60);
    private readonly NpgsqlDataSource mailLog = NpgsqlDataSource.Create(options.Database("email"));

    /// <summary>The exchange MassTransit publishes the event to, and the email service's endpoint bound to it.</summary>
    private static string EventExchange => $"{typeof(AccountActivationRequested).Namespace}:{nameof(AccountActivationRequested)}";

    private static string EmailServiceEndpoint => new KebabCaseEndpointNameFormatter("email", false).Message<AccountActivationRequested>();

    /// <summary>Registers a user through user-command and waits for the welcome mail: registration → Sent, in ms.</summary>
    public async Task<double> MeasureAsync(string email)
    {
        var registered = DateTime.UtcNow;
        var id = await Registrations.RegisterAsync(http, gateway, email)
            ?? throw new InvalidOperationException($"registering {email} was refused");
        DateTime? sent = null;
        await Until.TrueAsync(async () => (sent = await SentAtAsync(id)) is not null, SentWithin, $"the welcome mail to {email}", TimeSpan.FromMilliseconds(20));
        return (sent!.Value - registered).TotalMilliseconds;
    }

    /// <summary>Detaches the email service's queue from the event until the returned handle is disposed.</summary>
    public async Task<IAsyncDisposable> DetachEmailServiceAsync()
    {
        var connection = await new ConnectionFactory { Uri = options.RabbitMq }.CreateConnectionAsync("bench-welcome-mail");
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeUnbindAsync(EmailServiceEndpoint, EventExchange, routingKey: "");
        return new Reattach(connection, channel);
    }

    private async Task<DateTime?> SentAtAsync(Guid user)
    {
        await using var command = mailLog.CreateCommand("SELECT updated_at FROM email.mails WHERE user_id = $1 AND purpose = 'Welcome' AND state = 'Sent'");
        command.Parameters.AddWithValue(user);
        return await command.ExecuteScalarAsync() is DateTime at ? at.ToUniversalTime() : null;
    }

    public ValueTask DisposeAsync() => mailLog.DisposeAsync();

    private sealed class Reattach(IConnection connection, IChannel channel) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await channel.ExchangeBindAsync(EmailServiceEndpoint, EventExchange, routingKey: "");
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
