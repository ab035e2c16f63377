using System.Net;
using System.Net.Http.Json;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Functions;

/// <summary>
/// The activator killed outright, its process alone (ADR 0047): the instances it started, of an HTTP function and of
/// a queue function, stop with it rather than run on as orphans, and the activator started again serves from zero.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ActivatorCrashTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const string Activator = "functions";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killing_the_activator_stops_every_instance_it_started_and_it_serves_again_once_restarted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        // An instance of each: the registration starts register-user, and its event starts send-welcome-mail.
        using (var created = await platform.Gateway.PostAsJsonAsync("/api/functions/register-user",
                   new { name = "Before The Crash", email = UsersApi.UniqueEmail("activator-crash") }, timeout.Token))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(FunctionsApi.ProcessRuns("register-user") && FunctionsApi.ProcessRuns("send-welcome-mail")),
            Within, "an instance of register-user and of send-welcome-mail running");
        var instances = FunctionsApi.Processes("register-user").Concat(FunctionsApi.Processes("send-welcome-mail")).Select(p => p.Id).ToList();

        await ResourceProcess.KillAsync(platform.App, Activator, timeout.Token, entireTree: false);
        var killed = DateTime.UtcNow;
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(!FunctionsApi.ProcessRuns("register-user") && !FunctionsApi.ProcessRuns("send-welcome-mail")),
                TimeSpan.FromSeconds(30), $"the instances {string.Join(", ", instances)} gone after their activator was killed");
            output.WriteLine($"Figures: activator killed: its {instances.Count} instances stopped within {(DateTime.UtcNow - killed).TotalSeconds:0.0} s");
        }
        finally
        {
            await platform.Resources.StartAsync(Activator, CancellationToken.None); // for the tests after this one
        }

        using var again = await platform.Gateway.PostAsJsonAsync("/api/functions/register-user",
            new { name = "After The Crash", email = UsersApi.UniqueEmail("activator-restarted") }, timeout.Token);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }
}
