using Microsoft.Extensions.DependencyInjection;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Observability;

/// <summary>What the dashboard's Resources page shows after a start: every resource running and healthy (parameters, such as the admin signing key, are values, not processes).</summary>
[Collection(PlatformCollection.Name)]
public sealed class ResourceHealthTests(PlatformFixture platform)
{
    private static readonly string[] Platform =
        ["postgres", "usercommand-db", "userquery-db", "email-db", "order-db", "gateway-db", "analytics-db", "chat-db",
            "postgres-shard-1", "users-shard-1", "postgres-shard-2", "users-shard-2", "postgres-shard-3", "users-shard-3", "postgres-shard-4", "users-shard-4", "messaging", "mail", "user-command", "user-query", "user-query-2", "email", "order", "analytics", "chat", "chat-2", "gateway", "functions"];

    [Fact]
    public async Task Every_resource_the_dashboard_lists_is_running_and_healthy()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var notifications = platform.App.ResourceNotifications;
        var listed = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(resource => resource is not ParameterResource)
            .Where(resource => notifications.TryGetCurrentState(resource.Name, out var state) && !state.Snapshot.IsHidden)
            .Select(resource => resource.Name)
            .ToList();

        Assert.Equal(Platform.Order(), listed.Order());
        foreach (var name in listed)
        {
            var healthy = await notifications.WaitForResourceHealthyAsync(name, timeout.Token);
            Assert.Equal(KnownResourceStates.Running, healthy.Snapshot.State?.Text);
        }
    }
}
