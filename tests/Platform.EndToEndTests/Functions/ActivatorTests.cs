using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Functions;

/// <summary>
/// The local activator (issue 23, ADR 0047) plays Knative's: a request for a function with no instance waits while
/// one starts, and is then served; a burst above the target concurrency starts another; with no traffic for the
/// stable window and the grace period, the function is back at zero instances and no process of it runs. This run's
/// windows are seconds (<see cref="PlatformFixture.FunctionWindows"/>), and its target concurrency 4.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ActivatorTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const string Function = "/api/functions/register-user";

    [Fact]
    public async Task From_zero_a_registration_through_the_gateway_starts_an_instance_load_above_the_target_a_second_and_idling_brings_them_back_to_zero()
    {
        await AtZeroAsync();

        // Cold: the request waits for an instance, and is answered by it as the service would answer.
        var email = UsersApi.UniqueEmail("cold");
        var trace = ActivityTraceId.CreateRandom();
        var cold = Stopwatch.StartNew();
        Guid id;
        using (var request = new HttpRequestMessage(HttpMethod.Post, Function) { Content = JsonContent.Create(new { name = "Cold Start", email }) })
        {
            request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            using var created = await platform.Gateway.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var coldMs = cold.ElapsedMilliseconds;
        Assert.Equal(1, await InstancesAsync());
        await new UsersApi(platform.Admin).WaitForProfileAsync(id, TimeSpan.FromSeconds(30));
        // Its trace shows the cold start: the instance's spawn and ready, and the first byte of the request that waited.
        var spans = await Eventually.GetAsync(async () => await platform.Telemetry.TraceAsync(trace.ToString(), CancellationToken.None) is var found
            && found.Any(span => span.Name == "cold start register-user") && found.Any(span => span.Events.Contains("first byte")) ? (true, found) : (false, found),
            TimeSpan.FromSeconds(30), "the cold start's spans in the registration's trace");
        Assert.Equal(["spawned", "ready"], spans.Single(span => span.Name == "cold start register-user").Events);
        using (var taken = await platform.Gateway.PostAsJsonAsync(Function, new { name = "Again", email }))
            await ProblemAssert.IsProblemAsync(taken, HttpStatusCode.Conflict);
        using (var missing = await platform.Gateway.PostAsJsonAsync(Function, new { name = "No Address" }))
            await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest);

        // Load above the target concurrency (8 clients, the target is 4): a second instance starts and serves beside
        // the first while it lasts; every registration is made. An instance's start took 16 s on this machine under load,
        // and a clean-clone run of 2026-12-07 with a build beside it missed a 45 s bound: the bound is 90 s.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        var made = 0;
        var load = Task.WhenAll(Enumerable.Range(0, 8).Select(async client =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var answer = await platform.Gateway.PostAsJsonAsync(Function, new { name = $"Burst {client}", email = UsersApi.UniqueEmail("burst") }, CancellationToken.None);
                Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
                Interlocked.Increment(ref made);
            }
        }));
        var peak = await Eventually.GetAsync(async () => await InstancesAsync() is var count && count >= 2 ? (true, count) : (false, count),
            TimeSpan.FromSeconds(90), "a second instance while the load is above the target concurrency");
        await stop.CancelAsync();
        await load;

        // Idle: back to zero, and no process of the function left.
        var idle = Stopwatch.StartNew();
        await AtZeroAsync();
        output.WriteLine($"Figures: activator: a cold registration answered 201 in {coldMs} ms through the gateway; {made} registrations by 8 clients ran on {peak} instances; " +
                         $"back at zero {idle.Elapsed.TotalSeconds:0.0} s after it (window and grace {PlatformFixture.FunctionWindows.TotalSeconds:0} s each)");
    }

    private Task<int> InstancesAsync() => new FunctionsApi(platform.Gateway).InstancesAsync("register-user");

    private Task AtZeroAsync() => new FunctionsApi(platform.Gateway).AtZeroAsync("register-user", TimeSpan.FromSeconds(60));
}
