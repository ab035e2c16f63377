using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.EndToEndTests.Infrastructure;
using Platform.Ordering.Application.SubmittingOrder;
using Platform.Ordering.Infrastructure;
using Platform.Ordering.Infrastructure.Payments;
using Platform.Ordering.Infrastructure.Workflow;

namespace Platform.EndToEndTests.Orders;

/// <summary>The order service's storage, payments and submission handler, wired to the running order database as the service wires them; not started.</summary>
public static class OrderServiceParts
{
    public static async Task<IHost> BuildAsync(PlatformFixture platform)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{OrderStoreExtensions.DatabaseName}"] = await platform.App.GetConnectionStringAsync(OrderStoreExtensions.DatabaseName),
        });
        builder.AddOrderStore();
        builder.AddPayments(); // the simulator tokenizes the card, in the same database
        builder.AddOrderWorkflow(); // the outbox starts the workflow from the submission
        // The store builds its outbox subscription with a bus; the daemon that would run it is never started here.
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.UsingInMemory();
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<SubmitOrderHandler>();
        return builder.Build();
    }
}
