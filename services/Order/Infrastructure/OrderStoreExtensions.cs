using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Platform.EventStore.Outbox;
using Platform.ServiceDefaults.Migrations;
using Platform.EventStore.UnitOfWork;
using Platform.Ordering.Domain;
using Platform.Ordering.Application;
using Platform.Ordering.Application.KnowingCustomers;
using Platform.Ordering.Application.ListingOrders;
using Platform.Ordering.Infrastructure.Erasure;
using Platform.Ordering.Infrastructure.Outbox;
using Platform.Ordering.Infrastructure.Payments;

namespace Platform.Ordering.Infrastructure;

public static class OrderStoreExtensions
{
    public const string DatabaseName = "order-db";

    /// <summary>
    /// The order service's event store on its own database: order streams with their unit of work, time travel,
    /// summaries and outbox (Marten), and the customer view. Its outbox starts the workflow: add <c>AddOrderWorkflow</c> too.
    /// </summary>
    public static IHostApplicationBuilder AddOrderStore(this IHostApplicationBuilder builder)
    {
        builder.AddKeyedNpgsqlDataSource(DatabaseName);
        builder.AddDatabaseMigrations("order", typeof(OrderStoreExtensions).Assembly, DatabaseName); // the stock's and the ledger's tables
        var erasing = new CustomersBeingErased(); // read by the masking rules, set by an erasure
        builder.Services.AddSingleton(erasing);
        builder.Services.AddMartenStore<IOrderStore>(services =>
            {
                var options = new StoreOptions();
                options.Connection(services.GetRequiredKeyedService<NpgsqlDataSource>(DatabaseName));
                options.DatabaseSchemaName = "orders";
                options.Events.MetadataConfig.HeadersEnabled = true;
                // Two events of one user handled at once must not let the older overwrite the newer: the second
                // store fails, the bus retries it, and the retry finds the newer version and skips.
                options.Schema.For<Customer>().UseOptimisticConcurrency(true);
                options.Projections.Add<OrderSummaryProjection>(ProjectionLifecycle.Inline);
                options.Schema.For<OrderSummary>().Index(summary => summary.UserId).Index(summary => summary.Status);
                options.AddOrderMasking(erasing);
                return options;
            })
            .UseLightweightSessions()
            .AddEventStoreOutbox<IOrderStore, OrderOutboxMessages>()
            .ApplyAllDatabaseChangesOnStartup();

        // The adapters take a Marten session; these name the store's.
        builder.Services.AddEventSourced<Order, OrderSessions>();
        builder.Services.AddScoped<IOrderRepository>(services => new MartenOrderRepository(services.GetRequiredService<OrderSessions>().Query));
        builder.Services.AddScoped<IOrderSummaries>(services => new MartenOrderSummaries(services.GetRequiredService<OrderSessions>().Query));
        builder.Services.AddScoped<ICustomers>(services => new MartenCustomers(services.GetRequiredService<OrderSessions>().Session));
        builder.Services.AddScoped<ICustomerErasure>(services =>
            new MartenCustomerErasure(services.GetRequiredService<OrderSessions>().Session, services.GetRequiredService<CustomersBeingErased>()));
        builder.Services.AddHostedService<LegacyCardMasking>();
        return builder;
    }
}
