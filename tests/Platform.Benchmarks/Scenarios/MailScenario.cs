using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Npgsql;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Welcome mails: --mails (1,000) users registered straight to user-command as fast as 16 clients go, then the rate at
/// which the email service handed their welcome mails to the SMTP server: from the first mail it recorded to the last
/// one the server accepted, from its mail log (the server's clock). The floor: the same number of mails of the same
/// shape sent to the same SMTP server with MailKit on one reused connection, as the service's adapter does.
/// </summary>
public sealed class MailScenario : IScenario
{
    private const int Clients = 16;

    private readonly List<Section> sections = [];

    public string Name => "mails";

    public int Steps(BenchmarkOptions options) => 3;

    public IReadOnlyList<Section> Sections => sections;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(RunningSystem system, BenchmarkOptions options, ScenarioProgress progress)
    {
        sections.Clear();
        var runId = Guid.NewGuid().ToString("N")[..8];
        progress.Step($"registering {options.Mails:N0} users, {Clients} clients");
        await using var serverDb = NpgsqlDataSource.Create(options.Database("postgres"));
        var breakdown = await Breakdown.StartAsync(serverDb); // what bounds the rate: the CPU and statements a mail costs, its registration included
        var registering = Stopwatch.StartNew();
        var next = -1;
        var users = (await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            var mine = new List<Guid>();
            while (Interlocked.Increment(ref next) is var i && i < options.Mails)
                if (await Registrations.RegisterAsync(system.Http, system.UserCommand, $"mail-{runId}-{i}@bench.example") is { } id)
                    mine.Add(id);
            return mine;
        }))).SelectMany(ids => ids).ToArray();
        var registered = users.Length / registering.Elapsed.TotalSeconds;

        progress.Step($"waiting for {users.Length:N0} welcome mails");
        await using (var fanOut = new FanOut(options))
            await fanOut.WaitUntilHandledAsync(users, TimeSpan.FromMinutes(3));
        sections.AddRange(await breakdown.FinishAsync(users.Length, "welcome mail",
            $"{users.Length:N0} registrations by {Clients} clients, until every consumer has them all"));
        await using var mailLog = NpgsqlDataSource.Create(options.Database("email"));
        var (window, latencies) = await TimingsAsync(mailLog, users);

        progress.Step($"raw MailKit, {users.Length:N0} mails");
        var floor = await SendRawAsync(options.SmtpPort, users.Length, runId);

        return
        [
            new ScenarioResult("welcome mails", $"{users.Length:N0} users", new Rate(users.Length / window.TotalSeconds, "mails/s"),
                new Rate(users.Length / floor.TotalSeconds, "mails/s"), "MailKit, one reused connection, same SMTP server",
                Percentile.Of(latencies, 50), Percentile.Of(latencies, 99), options.Mails - users.Length,
                $"first recorded → last accepted by SMTP; latency: recorded → accepted. The registrations that caused them came at {registered:N0}/s"),
        ];
    }

    private static async Task<(TimeSpan Window, double[] LatenciesMs)> TimingsAsync(NpgsqlDataSource mailLog, Guid[] users)
    {
        await using var command = mailLog.CreateCommand("""
            SELECT extract(epoch FROM max(updated_at) OVER () - min(queued_at) OVER ()), extract(epoch FROM updated_at - queued_at) * 1000
            FROM email.mails WHERE user_id = ANY($1) AND purpose = 'Welcome' ORDER BY 2
            """);
        command.Parameters.AddWithValue(users);
        await using var reader = await command.ExecuteReaderAsync();
        var window = 0d;
        var latencies = new List<double>();
        while (await reader.ReadAsync())
        {
            window = Convert.ToDouble(reader.GetValue(0));
            latencies.Add(Convert.ToDouble(reader.GetValue(1)));
        }
        return (TimeSpan.FromSeconds(window), [.. latencies]);
    }

    private static async Task<TimeSpan> SendRawAsync(int port, int mails, string runId)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.Auto);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < mails; i++)
        {
            var email = $"mail-raw-{runId}-{i}@bench.example";
            var message = new MimeMessage
            {
                Subject = "Welcome to Platform",
                Body = new TextPart("plain") { Text = $"Hello Bench User,\n\nyour account is ready. This address, {email}, receives its mail.\n" },
                MessageId = $"{Guid.NewGuid():N}.1.welcome@bench.localhost",
            };
            message.From.Add(MailboxAddress.Parse("Platform <no-reply@platform.localhost>"));
            message.To.Add(MailboxAddress.Parse(email));
            await client.SendAsync(message);
        }
        var elapsed = clock.Elapsed;
        await client.DisconnectAsync(quit: true);
        return elapsed;
    }
}
