using JasperFx.Events.Projections;
using Marten;
using Platform.EventStore.Outbox;
using Platform.Order.Application;
using Platform.Order.Application.KnowingCustomers;
using Platform.Order.Application.ListingOrders;
using Platform.Order.Application.ReservingStock;
using Platform.Order.Application.RunningWorkflow;
using Platform.Order.Infrastructure.Outbox;
using Platform.Order.Infrastructure.Payments;
using Platform.Order.Infrastructure.Stock;

namespace Platform.Order.Infrastructure;

public static class OrderStoreExtensions
{
    public const string DatabaseName = "order-db";

    /// <summary>
    /// The order service's own database: order streams with their summaries and outbox (Marten), the customer view,
    /// the stock module's tables and (with the simulator) the card processor's ledger.
    /// </summary>
    public static IHostApplicationBuilder AddOrderStore(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseName);
        builder.Services.AddMarten(options =>
            {
                options.DatabaseSchemaName = "orders";
                options.Events.MetadataConfig.HeadersEnabled = true;
                // Two events of one user handled at once must not let the older overwrite the newer: the second
                // store fails, the bus retries it, and the retry finds the newer version and skips.
                options.Schema.For<Domain.Customer>().UseOptimisticConcurrency(true);
                options.Projections.Add<OrderSummaryProjection>(ProjectionLifecycle.Inline);
                options.Schema.For<OrderSummary>().Index(summary => summary.UserId);
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .AddEventStoreOutbox<OrderOutboxMessages>()
            .ApplyAllDatabaseChangesOnStartup();

        builder.Services.AddScoped<IOrderRepository, MartenOrderRepository>();
        builder.Services.AddScoped<IOrderSummaries, MartenOrderSummaries>();
        builder.Services.AddScoped<ICustomers, MartenCustomers>();

        builder.Services.Configure<StockOptions>(builder.Configuration.GetSection(StockOptions.Section));
        builder.Services.AddHostedService<StockSchema>();
        builder.Services.AddSingleton<IStock, PostgresStock>();

        builder.AddPayments();

        builder.Services.Configure<OrderWorkflowOptions>(builder.Configuration.GetSection(OrderWorkflowOptions.Section));
        builder.Services.AddSingleton<OrderWorkflow>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
