using MassTransit;
using Platform.Ordering.Domain;
using Platform.ServiceDefaults;

namespace Platform.Ordering.Application.ReservingStock;

public sealed record ReserveStockArguments(Guid OrderId, IReadOnlyList<SubmittedLine> Lines);

public sealed record ReserveStockLog(Guid OrderId);

/// <summary>The workflow's first step: take the order's lines from stock; undone by releasing them.</summary>
public sealed class ReserveStockActivity(IStock stock) : IActivity<ReserveStockArguments, ReserveStockLog>
{
    public async Task<ExecutionResult> Execute(ExecuteContext<ReserveStockArguments> context)
    {
        var order = context.Arguments.OrderId;
        var reservation = await stock.ReserveAsync(order, context.Arguments.Lines, context.CancellationToken);
        if (!reservation.Reserved)
            throw new StockUnavailableException(reservation);
        return context.Completed(new ReserveStockLog(order));
    }

    public async Task<CompensationResult> Compensate(CompensateContext<ReserveStockLog> context)
    {
        await stock.ReleaseAsync(context.Log.OrderId, context.CancellationToken);
        return context.Compensated();
    }
}

public sealed class StockUnavailableException(StockReservation refused) : PermanentFailureException(
    $"Not enough stock of '{refused.ShortProduct}': {refused.Wanted} wanted, {refused.Available} available.");
