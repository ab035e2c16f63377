using System.Collections.Concurrent;
using Platform.Testing;
using Platform.Ordering.Application;
using Platform.Ordering.Application.ChargingPayment;
using Platform.Ordering.Application.ReservingStock;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Tests.Application;

/// <summary>Order streams in memory behind the unit of work.</summary>
internal sealed class InMemoryOrders : InMemoryUnitOfWork<Order>
{
    public InMemoryOrders() : base(events => events.Aggregate((Order?)null, OrderDecider.Evolve)!) => Commit = (_, @event) =>
    {
        if (@event.GetType() == Failing)
            throw new InvalidOperationException($"The order store refused {Failing.Name}.");
    };

    /// <summary>When set, an append of this event type fails, as a broken database would.</summary>
    public Type? Failing { get; init; }
}

/// <summary>Stock in memory: all lines or none, one reservation per order.</summary>
internal sealed class InMemoryStock(Dictionary<string, int> available) : IStock
{
    private readonly Dictionary<Guid, (IReadOnlyList<SubmittedLine> Lines, bool Released)> reservations = [];

    public int Available(string product) { lock (reservations) return available.GetValueOrDefault(product); }

    public Task<StockReservation> ReserveAsync(Guid orderId, IReadOnlyList<SubmittedLine> lines, CancellationToken cancellationToken)
    {
        lock (reservations)
        {
            if (reservations.ContainsKey(orderId))
                return Task.FromResult(new StockReservation(true));
            if (lines.FirstOrDefault(line => available.GetValueOrDefault(line.ProductId) < line.Quantity) is { } short_)
                return Task.FromResult(new StockReservation(false, short_.ProductId, short_.Quantity, available.GetValueOrDefault(short_.ProductId)));
            foreach (var line in lines)
                available[line.ProductId] -= line.Quantity;
            reservations[orderId] = (lines, false);
            return Task.FromResult(new StockReservation(true));
        }
    }

    public Task ReleaseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        lock (reservations)
        {
            if (reservations.TryGetValue(orderId, out var reservation) && !reservation.Released)
            {
                foreach (var line in reservation.Lines)
                    available[line.ProductId] += line.Quantity;
                reservations[orderId] = (reservation.Lines, true);
            }
            return Task.CompletedTask;
        }
    }

    public Task<StockLevel?> FindAsync(string productId, CancellationToken cancellationToken) =>
        Task.FromResult<StockLevel?>(new StockLevel(productId, Available(productId), 0));
}

/// <summary>A processor that answers as told: charge, decline, or never answer (until cancelled).</summary>
internal sealed class ScriptedPayments(ScriptedPayments.Behaviour behaviour, PaymentStatus? settledBeforeVoid = null) : IPaymentProcessor
{
    public enum Behaviour { Charge, Decline, Hang }

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>While set, a refund throws, as a processor that is down does.</summary>
    public bool RefundsFail { get; set; }

    private PaymentStatus? charged;

    public Task<PaymentMethod> TokenizeAsync(string cardNumber, CancellationToken cancellationToken) =>
        Task.FromResult(new PaymentMethod($"tok_{cardNumber[^4..]}", PaymentCard.Brand(cardNumber), PaymentCard.LastFour(cardNumber)));

    public async Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue("charge");
        if (behaviour == Behaviour.Charge)
            charged = PaymentStatus.Charged;
        switch (behaviour)
        {
            case Behaviour.Decline:
                return PaymentResult.Declined("card declined");
            case Behaviour.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }
        return PaymentResult.Success;
    }

    public Task RefundAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        if (RefundsFail)
        {
            Calls.Enqueue("refund failed");
            throw new HttpRequestException("the processor is down");
        }
        Calls.Enqueue("refund");
        if (charged == PaymentStatus.Charged)
            charged = PaymentStatus.Refunded;
        return Task.CompletedTask;
    }

    /// <summary>How the payment stands: charged, refunded, or never charged (null).</summary>
    public PaymentStatus? Standing => charged;

    public Task<PaymentRecord> VoidAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue("void");
        return Task.FromResult(new PaymentRecord(request.PaymentId, request.OrderId, request.Amount, request.Currency,
            settledBeforeVoid ?? charged ?? PaymentStatus.Voided, 1, null));
    }

    public Task<PaymentRecord?> FindAsync(Guid paymentId, CancellationToken cancellationToken) => Task.FromResult<PaymentRecord?>(null);
}

/// <summary>Reads the in-memory order streams as the repository port does.</summary>
internal sealed class InMemoryOrderRepository(InMemoryOrders orders) : IOrderRepository
{
    public Task<Order?> LoadAsync(Guid orderId, CancellationToken cancellationToken) => Task.FromResult(orders.Load(orderId));
}
