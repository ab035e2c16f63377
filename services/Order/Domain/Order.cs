namespace Platform.Ordering.Domain;

/// <summary>
/// The event-sourced order and its rules (<see cref="OrderRule"/>). As with the user, decisions return the event
/// they cause and change nothing; state changes only by applying events, which is how an order is rebuilt.
/// The workflow's decisions return null when they were already taken: the workflow's messages may arrive twice.
/// </summary>
public sealed class Order
{
    private readonly List<OrderLine> lines = [];
    private readonly List<WorkflowStep> steps = [];

    private Order(Guid id, Guid userId, string currency)
    {
        Id = id;
        UserId = userId;
        Currency = currency;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Currency { get; private set; }

    public OrderStatus Status { get; private set; } = OrderStatus.Draft;

    public IReadOnlyList<OrderLine> Lines => lines;

    /// <summary>The workflow's history, in the order it was recorded.</summary>
    public IReadOnlyList<WorkflowStep> Steps => steps;

    public string? CancellationReason { get; private set; }

    /// <summary>Who to notify, as known when the order was confirmed.</summary>
    public string? CustomerName { get; private set; }

    public string? CustomerEmail { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The stream version this state reflects: the number of events applied.</summary>
    public long Version { get; private set; }

    public Money Total => lines.Aggregate(Money.Zero(Currency), (sum, line) => sum.Plus(line.Total));

    public static OrderDrafted Draft(Guid orderId, Guid userId, string? currency) =>
        new(orderId, userId, Money.CurrencyCode(currency));

    public ItemAdded AddItem(string? productId, int quantity, Money unitPrice)
    {
        EnsureDraft();
        var product = productId?.Trim() ?? "";
        OrderRuleBrokenException.ThrowUnless(product.Length is > 0 and <= 100, OrderRule.ProductIsNamed, "An item needs a product id (at most 100 characters).");
        OrderRuleBrokenException.ThrowUnless(quantity > 0, OrderRule.QuantityIsPositive, $"The quantity must be positive, not {quantity}.");
        OrderRuleBrokenException.ThrowUnless(unitPrice.Amount > 0, OrderRule.PriceIsPositive, $"The unit price must be positive, not {unitPrice}.");
        OrderRuleBrokenException.ThrowUnless(unitPrice.Currency == Currency, OrderRule.OneCurrencyPerOrder,
            $"This order is in {Currency}; an item priced in {unitPrice.Currency} cannot join it.");

        var existing = Line(product);
        if (existing is null)
            OrderRuleBrokenException.ThrowUnless(lines.Count < OrderRule.MaxDistinctItems, OrderRule.AtMostTenDistinctItems,
                $"An order holds at most {OrderRule.MaxDistinctItems} distinct items.");
        else
            OrderRuleBrokenException.ThrowUnless(existing.UnitPrice == unitPrice, OrderRule.OnePricePerProduct,
                $"{product} is already in the order at {existing.UnitPrice}.");
        return new ItemAdded(Id, product, quantity, unitPrice.Amount, unitPrice.Currency);
    }

    public ItemRemoved RemoveItem(string? productId)
    {
        EnsureDraft();
        var product = productId?.Trim() ?? "";
        OrderRuleBrokenException.ThrowUnless(Line(product) is not null, OrderRule.ItemIsInTheOrder, $"'{product}' is not in the order.");
        return new ItemRemoved(Id, product);
    }

    /// <summary>The customer confirms: the lines become final and the workflow may start.</summary>
    public OrderSubmitted Submit(Customer customer, string? card, DateTimeOffset at)
    {
        OrderRuleBrokenException.ThrowUnless(Status == OrderStatus.Draft, OrderRule.ConfirmedOnce,
            $"The order was already confirmed (it is {Status.ToString().ToLowerInvariant()}).");
        OrderRuleBrokenException.ThrowUnless(lines.Count > 0, OrderRule.EmptyOrderCannotBeConfirmed, "An empty order cannot be confirmed.");
        var number = PaymentCard.Number(card);
        return new OrderSubmitted(Id, UserId, customer.Name, customer.Email,
            [.. lines.Select(line => new SubmittedLine(line.ProductId, line.Quantity))], Total.Amount, Currency, number, at);
    }

    /// <summary>
    /// Records a step of the workflow; null if this execution's outcome is already recorded. A step's report may
    /// arrive after the order ended (reports travel separately), so it is recorded then too.
    /// </summary>
    public WorkflowStepRecorded? RecordStep(string step, StepOutcome outcome, DateTimeOffset at, string? detail, Guid executionId)
    {
        EnsureSubmittedOnce();
        if (steps.Exists(s => s.ExecutionId == executionId && s.Outcome == outcome))
            return null;
        return new WorkflowStepRecorded(Id, step, outcome, at, detail, executionId);
    }

    /// <summary>Every step succeeded; null if the order was already confirmed.</summary>
    public OrderConfirmed? ConfirmWorkflow(DateTimeOffset at)
    {
        EnsureSubmittedOnce();
        if (Status == OrderStatus.Confirmed)
            return null;
        OrderRuleBrokenException.ThrowUnless(Status == OrderStatus.Submitted, OrderRule.FinalStatesAreFinal,
            "A cancelled order cannot be confirmed.");
        return new OrderConfirmed(Id, UserId, CustomerName!, CustomerEmail!, Total.Amount, Currency, at);
    }

    /// <summary>The workflow failed and was compensated; null if the order was already cancelled.</summary>
    public OrderCancelled? CancelWorkflow(string reason, DateTimeOffset at)
    {
        EnsureSubmittedOnce();
        if (Status == OrderStatus.Cancelled)
            return null;
        OrderRuleBrokenException.ThrowUnless(Status == OrderStatus.Submitted, OrderRule.FinalStatesAreFinal,
            "A confirmed order cannot be cancelled by its workflow.");
        return new OrderCancelled(Id, UserId, CustomerName!, CustomerEmail!, reason, at);
    }

    public static Order Create(OrderDrafted drafted) => new(drafted.OrderId, drafted.UserId, drafted.Currency) { Version = 1 };

    public void Apply(ItemAdded added)
    {
        var price = Money.Of(added.UnitPrice, added.Currency);
        var index = lines.FindIndex(line => line.ProductId == added.ProductId);
        if (index < 0)
            lines.Add(new OrderLine(added.ProductId, added.Quantity, price));
        else
            lines[index] = lines[index] with { Quantity = lines[index].Quantity + added.Quantity };
        Version++;
    }

    public void Apply(ItemRemoved removed)
    {
        lines.RemoveAll(line => line.ProductId == removed.ProductId);
        Version++;
    }

    public void Apply(OrderSubmitted submitted)
    {
        Status = OrderStatus.Submitted;
        SubmittedAt = submitted.At;
        CustomerName = submitted.CustomerName;
        CustomerEmail = submitted.CustomerEmail;
        Version++;
    }

    public void Apply(WorkflowStepRecorded recorded)
    {
        steps.Add(new WorkflowStep(recorded.Step, recorded.Outcome, recorded.At, recorded.Detail, recorded.ExecutionId));
        Version++;
    }

    public void Apply(OrderConfirmed confirmed)
    {
        Status = OrderStatus.Confirmed;
        EndedAt = confirmed.At;
        Version++;
    }

    public void Apply(OrderCancelled cancelled)
    {
        Status = OrderStatus.Cancelled;
        CancellationReason = cancelled.Reason;
        EndedAt = cancelled.At;
        Version++;
    }

    private OrderLine? Line(string productId) => lines.Find(line => line.ProductId == productId);

    private void EnsureDraft() =>
        OrderRuleBrokenException.ThrowUnless(Status == OrderStatus.Draft, OrderRule.OnlyDraftsChange,
            $"The order is {Status.ToString().ToLowerInvariant()}: only a draft's items can change.");

    private void EnsureSubmittedOnce() =>
        OrderRuleBrokenException.ThrowUnless(Status != OrderStatus.Draft, OrderRule.WorkflowNeedsConfirmation,
            "The workflow runs only for a confirmed order.");
}
