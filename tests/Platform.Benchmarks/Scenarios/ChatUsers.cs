using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Benchmarks.Suite;
using MimeKit;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Signed-in users for the chat benchmark, made as a person makes one: registered through the gateway, activated with
/// the link their welcome mail carries (read from the dev run's Maildir), and signed in with the password grant.
/// </summary>
public static partial class ChatUsers
{
    private const string Password = "a benchmark user's password";

    public sealed record SignedIn(Guid Id, string Token);

    public static async Task<IReadOnlyList<SignedIn>> SignUpAsync(HttpClient http, Uri gateway, int count, string runId)
    {
        var since = DateTime.UtcNow.AddSeconds(-5);
        var emails = Enumerable.Range(0, count).Select(i => $"chat-{runId}-{i}@bench.example").ToList();
        var ids = new List<Guid>();
        foreach (var email in emails)
        {
            using var registered = await http.PostAsJsonAsync(new Uri(gateway, "/api/users"), new { name = "Chat Bench", email });
            if (!registered.IsSuccessStatusCode)
                throw new BenchmarkSetupException($"Registering {email} answered {(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync()}");
            ids.Add((await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        var links = await ActivationLinksAsync(emails, runId, since);
        var users = new List<SignedIn>();
        foreach (var (id, email) in ids.Zip(emails))
        {
            var link = links[email];
            var query = System.Web.HttpUtility.ParseQueryString(link.Query);
            using (var activated = await http.PostAsJsonAsync(new Uri(gateway, $"/api/users/{id}/activate"), new { code = query["code"], password = Password }))
                if (!activated.IsSuccessStatusCode)
                    throw new BenchmarkSetupException($"Activating {email} answered {(int)activated.StatusCode}");
            using var token = await http.PostAsync(new Uri(gateway, "/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = email, ["password"] = Password, ["scope"] = "platform",
            }));
            var body = await token.Content.ReadFromJsonAsync<JsonElement>();
            if (!token.IsSuccessStatusCode)
                throw new BenchmarkSetupException($"Signing {email} in answered {(int)token.StatusCode}: {body}");
            users.Add(new SignedIn(id, body.GetProperty("access_token").GetString()!));
        }
        return users;
    }

    /// <summary>The dev run's Maildir: the AppHost's data folder (Infrastructure__DataDirectory, else .data beside it).</summary>
    private static string Maildir() =>
        Path.Combine(Environment.GetEnvironmentVariable("Infrastructure__DataDirectory") is { Length: > 0 } data && Path.IsPathRooted(data) ? data : ".data",
            "mail", "maildir");

    /// <summary>Each address's activation link, from the welcome mails written since the run began.</summary>
    private static async Task<Dictionary<string, Uri>> ActivationLinksAsync(IReadOnlyList<string> emails, string runId, DateTime since)
    {
        var links = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (links.Count < emails.Count && DateTime.UtcNow < deadline)
        {
            var files = new[] { "new", "cur" }.Select(folder => Path.Combine(Maildir(), folder)).Where(Directory.Exists)
                .SelectMany(Directory.EnumerateFiles).Where(file => File.GetLastWriteTimeUtc(file) >= since);
            foreach (var file in files)
            {
                if (!File.ReadAllText(file).Contains(runId, StringComparison.Ordinal))
                    continue;
                var message = await MimeMessage.LoadAsync(file);
                var to = message.To.Mailboxes.Select(mailbox => mailbox.Address).FirstOrDefault(emails.Contains);
                if (to is not null && Link().Match(message.TextBody ?? "") is { Success: true } link)
                    links[to] = new Uri(link.Value);
            }
            if (links.Count < emails.Count)
                await Task.Delay(250);
        }
        return links.Count == emails.Count ? links : throw new BenchmarkSetupException(
            $"{emails.Count - links.Count} of {emails.Count} welcome mails did not reach {Path.GetFullPath(Maildir())} within 60 s: is the system running with ./run.sh?");
    }

    [GeneratedRegex(@"https?://\S+/activate\?user=[0-9a-f-]+&code=[0-9a-f]+")]
    private static partial Regex Link();
}
