using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.EndToEndTests.Infrastructure;
using Platform.Ordering.Application;
using Platform.Ordering.Application.SubmittingOrder;
using Platform.Ordering.Infrastructure;
using Platform.Ordering.Infrastructure.Payments;
using Platform.Ordering.Infrastructure.Workflow;

namespace Platform.EndToEndTests.Orders;

/// <summary>
/// The unit of work: a confirmation writes its event, the order's summary and its outgoing message (the event store
/// is the outbox) in one transaction. A failure injected after the writes and before the commit must leave nothing
/// behind and send nothing. The confirmation runs through the order service's own handler and Marten setup,
/// against the running system's order database.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OrderUnitOfWorkTests(PlatformFixture platform)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly OrdersApi orders = new(platform.Admin);

    [Fact]
    public async Task A_failure_between_the_change_and_the_commit_writes_nothing_and_sends_nothing()
    {
        var customer = await orders.DraftForNewCustomerAsync("Unit Of Work");
        await orders.AddAsync(customer.OrderId, "notebook", 2, 4m);
        var before = await orders.GetAsync(customer.OrderId);
        var stock = await orders.AvailableAsync("notebook");

        using (var orderService = await OrderServiceParts.BuildAsync(platform))
        {
            await using var scope = orderService.Services.CreateAsyncScope();
            var failure = new FailingBeforeCommit();
            ((ITransactionParticipantRegistrar)scope.ServiceProvider.GetRequiredService<OrderSessions>().Session).AddTransactionParticipant(failure);
            var handler = scope.ServiceProvider.GetRequiredService<SubmitOrderHandler>();

            var thrown = await Assert.ThrowsAnyAsync<Exception>(() =>
                handler.HandleAsync(new SubmitOrder(customer.OrderId, OrdersApi.GoodCard, null, new Requester(customer.UserId, IsAdmin: false)), CancellationToken.None));
            Assert.True(failure.Called, $"the failure was not injected: {thrown}");
        }

        // Nothing half-written: neither the order's stream nor its summary moved.
        Assert.Equal(before.ToString(), (await orders.GetAsync(customer.OrderId)).ToString());
        Assert.Equal(("Draft", 2L), Summary(await orders.ListAsync(customer.UserId)));

        // Nothing sent: confirming for real now runs exactly one workflow. Had the failed confirmation's event escaped,
        // the outbox would have started a second one, with its own steps in the history.
        await orders.ConfirmAcceptedAsync(customer.OrderId, OrdersApi.GoodCard);
        var confirmed = await orders.WaitForEndAsync(customer.OrderId, Within, steps: 4);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var settled = await orders.GetAsync(customer.OrderId);
        Assert.Equal("Confirmed", confirmed.GetProperty("status").GetString());
        Assert.Equal(["reserve-stock completed", "charge-payment completed", "confirm-order completed", "notify-customer completed"], OrdersApi.Steps(settled));
        Assert.Equal(stock - 2, await orders.AvailableAsync("notebook"));
        Assert.Equal(1, (await orders.PaymentAsync(customer.OrderId))?.GetProperty("chargeRequests").GetInt32());
    }

    private static (string?, long) Summary(IReadOnlyList<System.Text.Json.JsonElement> list) =>
        (list.Single().GetProperty("status").GetString(), list.Single().GetProperty("version").GetInt64());

    /// <summary>Fails inside Marten's transaction, after every statement of the unit of work ran and before COMMIT.</summary>
    private sealed class FailingBeforeCommit : ITransactionParticipant
    {
        public bool Called { get; private set; }

        public Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
        {
            Called = true;
            throw new InvalidOperationException("Injected failure between the change and the commit.");
        }

        public Task AfterCommitAsync(CancellationToken token) => Task.CompletedTask;
    }
}
