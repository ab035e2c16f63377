using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Functions;

/// <summary>
/// Both functions from zero (issue 23): a registration through the register-user function is answered 201, the read
/// model shows the user, and its welcome mail is sent by send-welcome-mail, which the activator starts because its
/// queue has a message. The email service is stopped meanwhile, so only the function can send it; when the service
/// comes back and consumes its own copy of the event, the mail log has it settled and no second mail goes. With no
/// traffic, both functions go back to zero, as the topology shows, and no process of theirs runs.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SendWelcomeMailFunctionTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const string EmailQueue = "email-account-activation-requested";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_registration_through_the_function_gets_one_welcome_mail_from_the_queue_triggered_function_started_on_demand()
    {
        var functions = new FunctionsApi(platform.Gateway);
        await functions.AtZeroAsync("register-user", Within);
        await functions.AtZeroAsync("send-welcome-mail", Within);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await platform.Resources.StopAsync("email", timeout.Token);
        var emailStopped = true;
        try
        {
            var email = UsersApi.UniqueEmail("function-mail");
            var registered = Stopwatch.StartNew();
            Guid id;
            using (var created = await platform.Gateway.PostAsJsonAsync("/api/functions/register-user", new { name = "Mailed By Function", email }))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            }
            var answeredMs = registered.ElapsedMilliseconds;

            // The mail's function starts from zero on its queue's message, and sends the one mail.
            var mailInstances = await Eventually.GetAsync(async () => await functions.InstancesAsync("send-welcome-mail") is var count && count > 0 ? (true, count) : (false, count),
                Within, "send-welcome-mail started by its queue's message");
            var mail = Assert.Single(await platform.Mail.WaitForAsync(email, 1, Within));
            var mailedMs = registered.ElapsedMilliseconds;
            Assert.Contains("activate", mail.Subject, StringComparison.OrdinalIgnoreCase);
            await new UsersApi(platform.Admin).WaitForProfileAsync(id, Within);

            // The email service, back, consumes its own copy of the event and finds the mail sent.
            await platform.Resources.StartAsync("email", timeout.Token);
            emailStopped = false;
            var sentinel = UsersApi.UniqueEmail("after-function-mail");
            await new UsersApi(platform.Gateway).RegisterNewAsync("After Function Mail", sentinel);
            await platform.Mail.WaitForAsync(sentinel, 1, Within);
            await Eventually.HoldsAsync(async () => (await RabbitMqManagementApi.GetAsync(platform, $"/api/queues/%2F/{EmailQueue}")).GetProperty("messages").GetInt64() == 0,
                Within, $"{EmailQueue} drained");
            Assert.Single(platform.Mail.To(email));

            // No traffic: both back at zero, as the topology shows.
            await functions.AtZeroAsync("register-user", Within);
            await functions.AtZeroAsync("send-welcome-mail", Within);
            var topology = await platform.Admin.GetFromJsonAsync<JsonElement>("/api/admin/topology");
            Assert.Equal(new Dictionary<string, int> { ["register-user"] = 0, ["send-welcome-mail"] = 0 },
                topology.GetProperty("functions").GetProperty("functions").EnumerateArray()
                    .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("instances").GetInt32()));
            output.WriteLine($"Figures: functions from zero: register-user answered 201 in {answeredMs} ms; send-welcome-mail ({mailInstances} instance) " +
                             $"had the welcome mail in the Maildir {mailedMs} ms after the request");
        }
        finally
        {
            if (emailStopped)
                await platform.Resources.StartAsync("email", CancellationToken.None); // for the tests after this one
        }
    }
}
