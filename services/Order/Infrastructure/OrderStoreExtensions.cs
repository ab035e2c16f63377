using Marten;
using Platform.Order.Application;
using Platform.Order.Application.KnowingCustomers;

namespace Platform.Order.Infrastructure;

public static class OrderStoreExtensions
{
    public const string DatabaseName = "order-db";

    /// <summary>Marten on the order service's own database: order streams and the customer view.</summary>
    public static IHostApplicationBuilder AddOrderStore(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseName);
        builder.Services.AddMarten(options =>
            {
                options.DatabaseSchemaName = "orders";
                // Two events of one user handled at once must not let the older overwrite the newer: the second
                // store fails, the bus retries it, and the retry finds the newer version and skips.
                options.Schema.For<Platform.Order.Domain.Customer>().UseOptimisticConcurrency(true);
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();

        builder.Services.AddScoped<IOrderRepository, MartenOrderRepository>();
        builder.Services.AddScoped<ICustomers, MartenCustomers>();
        return builder;
    }
}
