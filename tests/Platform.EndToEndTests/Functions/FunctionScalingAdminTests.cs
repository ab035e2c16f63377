using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Functions;

/// <summary>
/// An admin changes a function's scaling at run time on the activator (<c>PATCH /api/admin/functions/{name}</c>, what
/// ./bench.sh functions does to make each cold start real): only with an admin's token, only with sensible values,
/// and the change shows in the functions' list at once.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FunctionScalingAdminTests(PlatformFixture platform)
{
    private const string Route = "/api/admin/functions/register-user";

    [Fact]
    public async Task An_admin_changes_a_function_s_scaling_and_nobody_else_can()
    {
        var activator = platform.App.GetEndpoint("functions", "http");
        using var anonymous = new HttpClient { BaseAddress = activator };
        using var admin = platform.AdminClient(activator);
        var before = await MaxInstancesAsync();

        using (var refused = await anonymous.PatchAsJsonAsync(Route, new { maxInstances = 3 }))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using (var invalid = await admin.PatchAsJsonAsync(Route, new { maxInstances = 0 }))
            await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest);
        using (var unknown = await admin.PatchAsJsonAsync("/api/admin/functions/no-such-function", new { maxInstances = 3 }))
            await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(before, await MaxInstancesAsync());

        try
        {
            using var changed = await admin.PatchAsJsonAsync(Route, new { maxInstances = before + 1 });
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Equal(before + 1, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("maxInstances").GetInt32());
            Assert.Equal(before + 1, await MaxInstancesAsync());
        }
        finally
        {
            using var restored = await admin.PatchAsJsonAsync(Route, new { maxInstances = before });
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }
    }

    private async Task<int> MaxInstancesAsync() =>
        (await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/functions")).GetProperty("functions").EnumerateArray()
            .Single(function => function.GetProperty("name").GetString() == "register-user").GetProperty("maxInstances").GetInt32();
}
