using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Gateway;

/// <summary>
/// The gateway's control plane: the services it routes to, and each service's policy, changed at run time, in force at
/// once, and still in force after the gateway restarts.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ControlPlaneTests(PlatformFixture platform)
{
    private const string EmailPolicy = "/api/admin/policies/email";
    private const string EmailRoute = "/api/emails?to=nobody@example.com";

    [Fact]
    public async Task The_services_are_listed_with_their_instances_health_circuit_and_policy()
    {
        var services = await Eventually.GetAsync(async () =>
        {
            var listed = await platform.Admin.GetFromJsonAsync<JsonElement>("/api/admin/services");
            var readSide = listed.EnumerateArray().Single(service => service.GetProperty("name").GetString() == "user-query");
            var healthy = readSide.GetProperty("instances").EnumerateArray().Count(i => i.GetProperty("health").GetString() == "healthy");
            return (healthy == 2, listed);
        }, TimeSpan.FromSeconds(15), "both read-side instances listed as healthy");

        var names = services.EnumerateArray().Select(service => service.GetProperty("name").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "user-command", "user-query", "order", "email" }, names.ToHashSet());
        var readSide = services.EnumerateArray().Single(service => service.GetProperty("name").GetString() == "user-query");
        Assert.Equal(["user-query", "user-query-2"],
            readSide.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Order());
        Assert.Equal("closed", readSide.GetProperty("circuit").GetString());
        Assert.True(readSide.GetProperty("policy").GetProperty("version").GetInt64() >= 1);
    }

    [Fact]
    public async Task A_changed_policy_is_validated_versioned_in_force_at_once_and_still_in_force_after_a_gateway_restart()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var (original, version) = await ReadPolicyAsync();
        try
        {
            // A bad policy changes nothing.
            using (var invalid = await PutPolicyAsync(new { timeoutSeconds = 0, retries = 2, rateLimit = new { permitLimit = 0, windowSeconds = 1 } }, version))
            {
                var problem = await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest);
                Assert.True(problem.GetProperty("errors").TryGetProperty("rateLimit.permitLimit", out _), problem.ToString());
            }
            Assert.Equal(version, (await ReadPolicyAsync()).Version);

            // A valid one is stored as the next version and limits the route at once: 4 requests a minute per client.
            var limited = new { timeoutSeconds = 10, retries = 1, rateLimit = new { permitLimit = 4, windowSeconds = 60 } };
            using (var changed = await PutPolicyAsync(limited, version))
            {
                Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
                Assert.Equal($"\"{version + 1}\"", changed.Headers.ETag?.Tag);
            }
            using (var stale = await PutPolicyAsync(limited, version))
                await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
            await AssertLimitedAfterAsync(4);
            await AssertTimeoutInForceAsync(10);

            await platform.Resources.RestartAsync("gateway", timeout.Token);

            var (afterRestart, versionAfterRestart) = await ReadPolicyAsync();
            Assert.Equal(version + 1, versionAfterRestart);
            Assert.Equal(4, afterRestart.GetProperty("rateLimit").GetProperty("permitLimit").GetInt32());
            await AssertLimitedAfterAsync(4);
            await AssertTimeoutInForceAsync(10);
        }
        finally
        {
            var (_, current) = await ReadPolicyAsync();
            using var restored = await PutPolicyAsync(original, current);
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }
    }

    /// <summary>A burst from one client: the first <paramref name="permits"/> pass, the rest get 429 problem+json with Retry-After.</summary>
    private async Task AssertLimitedAfterAsync(int permits)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < permits + 3; i++)
        {
            using var response = await platform.Admin.GetAsync(EmailRoute);
            statuses.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
                continue;
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests);
            Assert.Equal("emails", problem.GetProperty("route").GetString());
            Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After: {response.Headers.RetryAfter}");
        }
        Assert.True(statuses.Take(permits).All(status => status == HttpStatusCode.OK) && statuses.Skip(permits).All(status => status == HttpStatusCode.TooManyRequests),
            $"expected {permits} × 200 then 429s, got {string.Join(", ", statuses.Select(s => (int)s))}");
    }

    /// <summary>The timeout in YARP's own configuration for the service, as the services listing reads it back.</summary>
    private Task AssertTimeoutInForceAsync(double seconds) =>
        Eventually.HoldsAsync(async () =>
        {
            var services = await platform.Admin.GetFromJsonAsync<JsonElement>("/api/admin/services");
            var email = services.EnumerateArray().Single(service => service.GetProperty("name").GetString() == "email");
            return email.GetProperty("timeoutSeconds").GetDouble() == seconds;
        }, TimeSpan.FromSeconds(5), $"YARP to apply email's timeout of {seconds} s");

    private async Task<(JsonElement Policy, long Version)> ReadPolicyAsync()
    {
        using var response = await platform.Admin.GetAsync(EmailPolicy);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"\"{body.GetProperty("version").GetInt64()}\"", response.Headers.ETag?.Tag);
        return (body.GetProperty("policy"), body.GetProperty("version").GetInt64());
    }

    private Task<HttpResponseMessage> PutPolicyAsync(object policy, long ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, EmailPolicy) { Content = JsonContent.Create(policy) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return platform.Admin.SendAsync(request);
    }
}
