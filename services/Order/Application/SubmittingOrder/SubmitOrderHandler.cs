using Platform.EventStore.UnitOfWork;
using Platform.Ordering.Application.ChargingPayment;
using Platform.Ordering.Application.KnowingCustomers;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.SubmittingOrder;

public sealed record SubmitOrder(Guid OrderId, string? Card, long? ExpectedVersion, Requester By);

/// <summary>
/// The customer (or an admin) submits the order (<c>POST …/submit</c>): the draft's items become final and who is notified is fixed.
/// The card number is handed to the payment port, which answers with a token; only the token, the brand and the last
/// four digits are recorded (ADR 0035). The workflow starts from the recorded event, sent after commit by the event
/// store's outbox: nothing starts for an order whose submission did not commit.
/// </summary>
public sealed class SubmitOrderHandler(IEventSourcedUnitOfWork<Order> orders, ICustomers customers, IPaymentProcessor payments, TimeProvider clock)
{
    public Task<StreamVersion> HandleAsync(SubmitOrder command, CancellationToken ct) =>
        orders.ChangeAsync(command.OrderId, command.ExpectedVersion, command.By.MayReach, async order =>
        {
            OrderDecider.Submittable(order); // an order that cannot be submitted never sends its card anywhere
            var card = PaymentCard.Number(command.Card);
            var customer = await customers.FindAsync(order.UserId, ct) ?? throw new CustomerUnknownException(order.UserId);
            var payment = await payments.TokenizeAsync(card, ct);
            return OrderDecider.Decide(new Order.Submit(customer, payment, clock.GetUtcNow()), order);
        }, ct);
}
