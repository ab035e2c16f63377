using Platform.EventStore.History;
using Platform.EventStore.Progress;
using Platform.Ordering.Api;
using Platform.Ordering.Infrastructure;
using Platform.Ordering.Infrastructure.Payments;
using Platform.Ordering.Infrastructure.Stock;
using Platform.Ordering.Infrastructure.Workflow;
using Platform.ServiceDefaults;

namespace Platform.Ordering;

/// <summary>The orders as one module, in its own service or in the monolith (ADR 0053).</summary>
public static class OrderModule
{
    /// <summary>The event store's routes in a process that hosts it beside the users' store.</summary>
    public const string SharedProcessRoutes = "/api/admin/event-store/order";

    public static BusModule Bus { get; } = new(typeof(OrderModule).Namespace!, bus => bus.AddOrderMessaging());

    public static IHostApplicationBuilder AddOrderModule(this IHostApplicationBuilder builder)
    {
        builder.AddOrderStore();
        builder.AddStock();
        builder.AddPayments();
        builder.AddOrderWorkflow();
        builder.AddOrderApi();
        return builder;
    }

    /// <param name="eventStoreRoutes">Where its event store's progress and history are served: the standard routes in
    /// its own service; <see cref="SharedProcessRoutes"/> where another module's store has them.</param>
    public static WebApplication UseOrderModule(this WebApplication app, string? eventStoreRoutes = null)
    {
        app.MapOrders();
        app.MapStockAndPayments();
        app.MapOrderAdmin();
        app.MapEventStoreProgress<IOrderStore>(eventStoreRoutes is null ? EventStoreProgress.Route : $"{eventStoreRoutes}/progress");
        app.MapEventStoreHistory<IOrderStore>(eventStoreRoutes is null ? EventStoreHistory.Route : $"{eventStoreRoutes}/history");
        return app;
    }
}
