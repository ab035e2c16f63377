using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Analytics;

/// <summary>
/// The Lambda architecture on the real services: the batch layer recomputes the metrics from the event stores, the
/// serving layer takes the batch view before its watermark and the speed view from it on, and no event is counted
/// twice or missed at the seam.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LambdaTests(PlatformFixture platform, ITestOutputHelper output)
{
    private readonly UsersApi users = new(platform.Admin); // a user's own routes answer the user or an admin (issue 21)
    private readonly OrdersApi orders = new(platform.Admin);
    private readonly AnalyticsApi analytics = new(platform.Gateway, platform.Admin);

    [Fact]
    public async Task A_batch_run_with_its_watermark_exactly_on_an_event_counts_every_event_once_and_so_do_the_events_after_it()
    {
        var before = await analytics.SettledRegistrationsAsync();
        var registered = new List<Guid>();
        for (var i = 0; i < 5; i++)
            registered.Add(await users.RegisterNewAsync($"Seam {i}"));
        // The third registration's own time, as stored: the batch view must count the two before it, the speed view it and the rest.
        var seam = (await users.WaitForStatisticsAsync(registered[2], TimeSpan.FromSeconds(15))).GetProperty("registeredAt").GetDateTimeOffset();
        await analytics.AssertRegistrationsAsync(before + 5, TimeSpan.FromSeconds(15));

        var run = await analytics.RunBatchAsync(seam, TimeSpan.FromSeconds(60));
        Assert.Equal(seam, run.GetProperty("watermark").GetDateTimeOffset());
        Assert.True(run.GetProperty("eventsCounted").GetInt64() >= 2, $"the batch view counts the events before the watermark: {run}");
        var status = await platform.Admin.GetFromJsonAsync<JsonElement>("/api/admin/analytics/batch");
        Assert.Equal(seam, status.GetProperty("inForce").GetProperty("watermark").GetDateTimeOffset());
        await analytics.AssertRegistrationsAsync(before + 5, TimeSpan.FromSeconds(5)); // an event at the watermark is the speed view's, once

        for (var i = 0; i < 4; i++)
            await users.RegisterNewAsync($"After the batch {i}");
        await analytics.AssertRegistrationsAsync(before + 9, TimeSpan.FromSeconds(15));
        output.WriteLine($"Figures: batch run with its watermark on the 3rd of 5 registrations: {run.GetProperty("eventsCounted")} events from the batch view, {before + 9} registrations in all, none twice or missed");
    }

    [Fact]
    public async Task A_batch_run_changes_no_metric_of_users_or_orders()
    {
        var customer = await orders.DraftForNewCustomerAsync("Batch Customer");
        await orders.AddAsync(customer.OrderId, "book", 1, 49.50m);
        await orders.ConfirmAcceptedAsync(customer.OrderId, OrdersApi.GoodCard);
        await orders.WaitForEndAsync(customer.OrderId, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        var watermark = DateTimeOffset.UtcNow; // inside a minute: the batch view holds its first part, the speed view the rest
        using (var changed = await users.ChangeEmailAsync(customer.UserId, UsersApi.UniqueEmail("batch.changed"), "\"1\""))
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var before = await analytics.SettledSnapshotAsync();

        var run = await analytics.RunBatchAsync(watermark, TimeSpan.FromSeconds(60));
        var merged = await analytics.SnapshotAsync();

        Assert.Equal(before, merged);
        Assert.True(run.GetProperty("eventsCounted").GetInt64() >= 2, $"the customer's registration and confirmed order are the batch view's: {run}");
        output.WriteLine($"Figures: batch run over the history: {run.GetProperty("eventsRead")} events read, {run.GetProperty("eventsCounted")} before the watermark; every metric of users and orders unchanged");
    }

    [Fact]
    public async Task A_watermark_in_the_future_is_a_400_problem()
    {
        using var response = await platform.Admin.PostAsJsonAsync("/api/admin/analytics/batch", new { watermark = DateTimeOffset.UtcNow.AddHours(1) });
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
