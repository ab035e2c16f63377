using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Gateway;

/// <summary>
/// A policy changed through one gateway instance is in force on every other within a second (issue 21: it reached
/// only the process that took the PUT). The change travels as a PostgreSQL notification sent on commit.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PolicyPropagationTests(PlatformFixture platform)
{
    private const string Policy = "/api/admin/policies/order";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_policy_changed_through_one_gateway_instance_is_in_force_on_a_second_within_a_second_and_back()
    {
        await using var second = await SecondGatewayInstance.StartAsync(platform);
        var (original, version) = await ReadAsync(platform.Admin);
        Assert.Equal(version, (await ReadAsync(second.Admin)).Version); // both read the same store at start
        try
        {
            var changed = await PutAsync(platform.Admin, new { timeoutSeconds = 11, retries = 1, rateLimit = new { permitLimit = 500, windowSeconds = 1 } }, version);
            var seen = await SeenWithinAsync(second.Admin, changed);
            Assert.Equal(11, seen.GetProperty("timeoutSeconds").GetInt32());

            // And the other way: the second instance's change reaches the AppHost's gateway.
            var back = await PutAsync(second.Admin, new { timeoutSeconds = 12, retries = 1, rateLimit = new { permitLimit = 500, windowSeconds = 1 } }, changed);
            Assert.Equal(12, (await SeenWithinAsync(platform.Admin, back)).GetProperty("timeoutSeconds").GetInt32());
        }
        finally
        {
            var (_, current) = await ReadAsync(platform.Admin);
            await PutAsync(platform.Admin, original, current);
        }
    }

    /// <summary>Polls <paramref name="gateway"/> until it has <paramref name="version"/> in force; fails if that took more than a second.</summary>
    private static async Task<JsonElement> SeenWithinAsync(HttpClient gateway, long version)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (policy, inForce) = await ReadAsync(gateway);
            if (inForce >= version)
            {
                Assert.True(clock.Elapsed <= Within, $"version {version} was in force after {clock.Elapsed.TotalMilliseconds:0} ms, not within {Within.TotalMilliseconds:0} ms");
                return policy;
            }
            Assert.True(clock.Elapsed <= Within, $"version {version} not in force within {Within.TotalMilliseconds:0} ms (still {inForce})");
            await Task.Delay(20);
        }
    }

    private static async Task<(JsonElement Policy, long Version)> ReadAsync(HttpClient gateway)
    {
        var body = await gateway.GetFromJsonAsync<JsonElement>(Policy);
        return (body.GetProperty("policy"), body.GetProperty("version").GetInt64());
    }

    private static async Task<long> PutAsync(HttpClient gateway, object policy, long ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Policy) { Content = JsonContent.Create(policy) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        using var response = await gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
    }
}
