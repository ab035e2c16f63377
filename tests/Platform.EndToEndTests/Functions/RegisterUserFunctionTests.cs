using System.Net;
using System.Net.Http.Json;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Functions;

/// <summary>
/// The register-user function (issue 23, ADR 0046) hosts user-command's registration in a process of its own, started
/// here with user-command's environment as the activator will start it: it writes the sharded store as one more
/// writer, and the rest follows as for the service: user-command's outbox forwards the event, the read model shows
/// the user, the email service sends the welcome mail. Its refusals are the service's.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RegisterUserFunctionTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const string Assembly = $"functions/RegisterUser/bin/{AppHostRuns.Configuration}/net10.0/Platform.Functions.RegisterUser.dll";

    [Fact]
    public async Task The_function_registers_a_user_whom_the_read_model_and_the_welcome_mail_see_and_refuses_as_the_service_does()
    {
        await using var function = await ResourceTwin.StartAsync(platform, "user-command", Assembly, "register-user");
        using var client = new HttpClient { BaseAddress = function.Address };

        var email = UsersApi.UniqueEmail("function");
        using var created = await client.PostAsJsonAsync("/", new { name = "Registered By Function", email });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/users/{id}", created.Headers.Location?.OriginalString);

        // What follows the service's registrations follows this one: the read model, and one welcome mail.
        await new UsersApi(platform.Admin).WaitForProfileAsync(id, TimeSpan.FromSeconds(30));
        Assert.Single(await platform.Mail.WaitForAsync(email, 1, TimeSpan.FromSeconds(30)));
        // The same email through the service is taken, and through the function a missing one is invalid.
        using (var taken = await new UsersApi(platform.Gateway).RegisterAsync("Someone Else", email))
            await ProblemAssert.IsProblemAsync(taken, HttpStatusCode.Conflict);
        using (var again = await client.PostAsJsonAsync("/", new { name = "Someone Else", email }))
            await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        using (var missing = await client.PostAsJsonAsync("/", new { name = "No Address" }))
            await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest);

        // It stops when told, as an activator reaps an idle instance.
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await function.Process.TerminateAsync(TimeSpan.FromSeconds(10)), "the function did not stop within 10 s of SIGTERM");
        output.WriteLine($"Figures: register-user function: ready {function.Started.TotalMilliseconds:0} ms after its process started; stopped {stopping.ElapsedMilliseconds} ms after SIGTERM");
    }
}
