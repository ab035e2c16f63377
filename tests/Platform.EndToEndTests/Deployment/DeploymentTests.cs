using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Deployment;

/// <summary>
/// The system deployed as containers with the Kubernetes manifests under podman (./deploy.sh, ADR 0028): the API
/// through the gateway's host port, and a service's crash survived by its restart policy. ./test.sh runs these after
/// the rest, never beside an AppHost; where podman cannot run they are skipped, with the reason.
/// </summary>
[Trait("Category", "Deployment")]
public sealed class DeploymentTests(DeployedPlatform platform, ITestOutputHelper output) : IClassFixture<DeployedPlatform>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [PodmanFact]
    public async Task The_deployed_system_registers_reads_orders_mails_counts_and_traces()
    {
        // An admin's client: orders and mails are their owner's or an admin's (issue 21); the admin acts for the customer.
        var tokens = new AdminTokens.Cache(() => AdminTokens.MintAsync(platform.Gateway.BaseAddress!, platform.Parameters["admin-client-secret"]));
        using var admin = new HttpClient(new AdminTokens.Handler(tokens) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = platform.Gateway.BaseAddress, Timeout = platform.Gateway.Timeout,
        };
        var users = new UsersApi(platform.Gateway);
        var orders = new OrdersApi(admin);
        var analytics = new AnalyticsApi(platform.Gateway);
        var registeredBefore = await analytics.SettledRegistrationsAsync();

        var customer = await orders.DraftForNewCustomerAsync("Deployed Customer");
        var profile = await users.WaitForProfileAsync(customer.UserId, Within);
        Assert.Equal("Deployed Customer", profile.GetProperty("name").GetString());
        Assert.False(profile.TryGetProperty("email", out _)); // anyone's view of a profile: no email

        await orders.AddAsync(customer.OrderId, "book", 2, 12.50m);
        await orders.ConfirmAcceptedAsync(customer.OrderId, OrdersApi.GoodCard);
        var order = await orders.WaitForEndAsync(customer.OrderId, Within);
        Assert.Equal("Confirmed", order.GetProperty("status").GetString());

        // What reached the SMTP server's Maildir, in its volume: the welcome and the confirmation.
        var delivered = await Eventually.GetAsync(async () =>
        {
            var (_, files) = await Podman.TryAsync("exec", DeployedPlatform.ContainerOf("mail"), "grep", "-rl", customer.Email, "/var/mail/maildir/new");
            var count = files.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            return (count >= 2, count);
        }, Within, $"the welcome and the confirmation mails to {customer.Email} in the SMTP server's Maildir");
        Assert.Equal(2, delivered);

        await analytics.AssertRegistrationsAsync(registeredBefore + 1, Within);

        // Sign-up and sign-in as deployed: the welcome's link and the token's issuer name the gateway's published address.
        var account = UsersApi.UniqueEmail("deployed");
        var accountId = await users.RegisterNewAsync("Deployed Account", account);
        var link = await ActivationLinkAsync(accountId);
        Assert.StartsWith($"http://localhost:{platform.GatewayPort}/activate?user={accountId}&code=", link);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query);
        using (var activated = await platform.Gateway.PostAsJsonAsync($"/api/users/{accountId}/activate", new { code = query["code"], password = "a deployed password" }))
            Assert.Equal(HttpStatusCode.NoContent, activated.StatusCode);
        using var signedIn = await platform.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = account, ["password"] = "a deployed password", ["scope"] = "platform",
        }));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        Assert.Equal((accountId.ToString(), $"http://localhost:{platform.GatewayPort}/"), (token.Subject, token.Issuer));

        // The register-user function runs as an always-on pod here (podman has no autoscaler), and the gateway routes to it.
        using (var created = await platform.Gateway.PostAsJsonAsync("/api/functions/register-user",
                   new { name = "Deployed Function", email = UsersApi.UniqueEmail("deployed-function") }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            await users.WaitForProfileAsync((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), Within);
        }

        // The image carries the example plugins: user-command loaded them from its plugins folder, as in a local run.
        var plugins = (await new UsersApi(admin).GetJsonAsync("/api/admin/plugins")).EnumerateArray()
            .ToDictionary(plugin => plugin.GetProperty("name").GetString()!, plugin => plugin);
        Assert.Equal("enabled", plugins["registration-tally"].GetProperty("state").GetString());
        Assert.Equal("disabled", plugins["fault-injection"].GetProperty("state").GetString());
        Assert.EndsWith("/app/plugins/Platform.Plugins.Examples/Platform.Plugins.Examples.dll", plugins["registration-tally"].GetProperty("source").GetString());

        // Every service exports its traces over OTLP to the dashboard's container.
        using var dashboard = new DashboardTelemetry(new Uri($"http://localhost:{platform.DashboardPort}"), platform.Parameters["dashboard-api-key"]);
        var services = await Eventually.GetAsync(async () =>
        {
            var seen = (await dashboard.SpansAsync(CancellationToken.None)).Select(span => span.Service).ToHashSet();
            return (new[] { "gateway", "user-command", "order", "email", "analytics" }.All(seen.Contains), seen);
        }, Within, "spans of the gateway, user-command, order, email and analytics on the dashboard");
        output.WriteLine($"Figures: deployed by ./deploy.sh in {platform.DeployTime.TotalSeconds:0} s (images built, pods ready); " +
                         $"the dashboard holds spans of {string.Join(", ", services.Order())}");
    }

    /// <summary>The activation link in the welcome mail to a user, from the SMTP server's Maildir in its volume.</summary>
    private static async Task<string> ActivationLinkAsync(Guid userId)
    {
        var file = await Eventually.GetAsync(async () =>
        {
            var (_, files) = await Podman.TryAsync("exec", DeployedPlatform.ContainerOf("mail"), "grep", "-rl", userId.ToString(), "/var/mail/maildir/new");
            var found = files.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return (found is not null, found);
        }, Within, $"the welcome mail of user {userId} in the SMTP server's Maildir");
        var raw = await Podman.RunAsync("exec", DeployedPlatform.ContainerOf("mail"), "cat", file!);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw));
        var body = (await MimeKit.MimeMessage.LoadAsync(stream)).TextBody ?? "";
        return System.Text.RegularExpressions.Regex.Match(body, @"https?://\S+/activate\?user=[0-9a-f-]+&code=[0-9a-f]+").Value;
    }

    [PodmanFact]
    public async Task A_killed_service_is_restarted_by_its_restart_policy_and_no_accepted_registration_is_lost()
    {
        var users = new UsersApi(platform.Gateway);
        var analytics = new AnalyticsApi(platform.Gateway);
        var registeredBefore = await analytics.SettledRegistrationsAsync();
        var container = DeployedPlatform.ContainerOf("user-command");
        var restartsBefore = int.Parse(await Podman.RunAsync("inspect", container, "--format", "{{.RestartCount}}"));

        var accepted = new ConcurrentQueue<Guid>();
        var attempted = 0;
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref attempted);
                try
                {
                    using var response = await users.RegisterAsync("Restart Survivor", UsersApi.UniqueEmail("survivor"));
                    if (response.StatusCode == HttpStatusCode.Created)
                        accepted.Enqueue((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                    else
                        await Task.Delay(100); // refused while the service is down, as a client that backs off
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(100); // not accepted, so nothing is owed
                }
            }
        });
        await Eventually.HoldsAsync(() => Task.FromResult(accepted.Count >= 10), Within, "10 registrations accepted before the kill");

        // A crash, as the kernel's OOM killer or a fault would cause it: SIGKILL to the service's process, from outside podman.
        var pid = await Podman.RunAsync("inspect", container, "--format", "{{.State.Pid}}");
        var clock = Stopwatch.StartNew();
        await using (var kill = TerminalRun.Start("kill", ["-KILL", pid], new Dictionary<string, string?>()))
            await kill.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(async () =>
            int.Parse(await Podman.RunAsync("inspect", container, "--format", "{{.RestartCount}}")) > restartsBefore
            && (await Podman.TryAsync("exec", container, "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/health")).ExitCode == 0,
            Within, "user-command restarted by its restart policy and healthy again");
        var back = clock.Elapsed;
        var acceptedAtRestart = accepted.Count;
        await Eventually.HoldsAsync(() => Task.FromResult(accepted.Count >= acceptedAtRestart + 10), Within, "10 registrations accepted after the restart");
        await stop.CancelAsync();
        await load;

        foreach (var id in accepted)
            await users.WaitForProfileAsync(id, Within);
        var counted = await analytics.SettledRegistrationsAsync() - registeredBefore;
        Assert.InRange(counted, accepted.Count, attempted); // a registration refused as the process died may still have been recorded
        output.WriteLine($"Figures: user-command back and healthy {back.TotalSeconds:0.0} s after SIGKILL; " +
                         $"{accepted.Count} of {attempted} registrations accepted, every one in the read model, {counted} counted by analytics");
    }

    /// <summary>
    /// A user who deploys, stops with --down (the data stays), and deploys again from a new clone (issue 19: the new
    /// clone generated new passwords, PostgreSQL refused them, and the deployment gave up after five minutes). The
    /// passwords are kept with the data, so the second deployment opens it; data whose passwords are gone is refused,
    /// naming the volume and the command that resets it, before any pod starts.
    /// What a new clone lacks, for ./deploy.sh, is what git does not track: the deployment's folder in .data (its
    /// passwords and rendered pods) and the build output, which only costs time. So the test takes that folder away,
    /// rather than copying the checkout and paying for a second build of the solution (2-3 min of the suite).
    /// </summary>
    [PodmanFact]
    public async Task A_checkout_without_the_deployments_folder_deploying_after_down_finds_the_users_and_data_without_its_passwords_is_refused()
    {
        var users = new UsersApi(platform.Gateway);
        var id = await users.RegisterNewAsync("Kept Across Clones");
        await users.WaitForProfileAsync(id, Within);

        await platform.RunDeployAsync(TerminalRun.RepositoryRoot, "--down");
        var folder = DeploymentFolder(DeployedPlatform.Name);
        var away = $"{folder}.away-{Guid.NewGuid():N}";
        Directory.Move(folder, away); // as in a new clone
        var orphan = $"{DeployedPlatform.Name}-orphan";
        try
        {
            // Data made with passwords no checkout or volume holds any more: refused before any pod starts.
            var volume = $"{orphan}-postgres-data";
            await Podman.RunAsync("volume", "create", volume);
            try
            {
                var clock = Stopwatch.StartNew();
                var refused = await platform.RunDeployAsync(TerminalRun.RepositoryRoot, "--no-build", name: orphan, expectSuccess: false);
                Assert.Contains($"the volume {volume} holds data", refused);
                Assert.Contains($"PLATFORM_DEPLOY_NAME={orphan} ./deploy.sh --down --volumes", refused);
                Assert.DoesNotContain("Rendering the pods", refused); // refused at once, from the committed manifest's volumes
                output.WriteLine($"Figures: data without its passwords refused {clock.Elapsed.TotalSeconds:0.0} s after ./deploy.sh began");
                // The refused run left no passwords behind that a next run could take for the data's own: neither in the
                // checkout nor in the volume that keeps them, the two places ./deploy.sh looks for them.
                Assert.False(File.Exists(Path.Combine(DeploymentFolder(orphan), "parameters.json")), "passwords left by the refused run");
                Assert.False(await Podman.VolumeExistsAsync($"{orphan}-deployment"), "the passwords' volume, made by the refused run");
            }
            finally
            {
                await Podman.TryAsync("volume", "rm", "-f", volume);
            }

            await platform.RunDeployAsync(TerminalRun.RepositoryRoot, "--no-build");
            Assert.True(File.Exists(Path.Combine(folder, "parameters.json")), "the passwords, back from the volume that keeps them");
            var profile = await users.WaitForProfileAsync(id, Within);
            Assert.Equal("Kept Across Clones", profile.GetProperty("name").GetString());
        }
        finally
        {
            // A failure before the deployment came back leaves the folder as it was, for the fixture's --down --volumes.
            if (Directory.Exists(folder))
                Directory.Delete(away, recursive: true);
            else
                Directory.Move(away, folder);
            if (Directory.Exists(DeploymentFolder(orphan)))
                Directory.Delete(DeploymentFolder(orphan), recursive: true);
        }
    }

    /// <summary>What ./deploy.sh keeps of a deployment in this checkout, and a new clone has not: .data/deploy/NAME.</summary>
    private static string DeploymentFolder(string name) => Path.Combine(TerminalRun.RepositoryRoot, ".data", "deploy", name);
}
