namespace Platform.Ordering.Domain;

/// <summary>
/// The order as a decider: <c>Decide(command, state) → events</c>, refusing a command by the rule it breaks
/// (<see cref="OrderRuleBrokenException"/>), and <c>Evolve(state, event) → state</c>; both pure. The workflow's
/// decisions decide nothing when they were already taken: its messages may arrive twice. (The functions sit beside
/// <see cref="Order"/>: Marten's source generator takes an Evolve method on an aggregate for its own convention.)
/// </summary>
public static class OrderDecider
{
    public static IReadOnlyList<object> Decide(Order.Draft command, Order? state)
    {
        Ensure(state is null, OrderRule.OnlyDraftsChange, "This order is already open.");
        return [new OrderDrafted(command.OrderId, command.UserId, Money.CurrencyCode(command.Currency))];
    }

    public static IReadOnlyList<object> Decide(Order.AddItem command, Order? state)
    {
        var order = Draft(state);
        var product = command.ProductId?.Trim() ?? "";
        var price = command.UnitPrice;
        Ensure(product.Length is > 0 and <= 100, OrderRule.ProductIsNamed, "An item needs a product id (at most 100 characters).");
        Ensure(command.Quantity > 0, OrderRule.QuantityIsPositive, $"The quantity must be positive, not {command.Quantity}.");
        Ensure(command.Quantity <= OrderRule.MaxQuantityPerLine, OrderRule.QuantityWithinLimit,
            $"A line holds at most {OrderRule.MaxQuantityPerLine} of a product, not {command.Quantity}.");
        Ensure(price.Amount > 0, OrderRule.PriceIsPositive, $"The unit price must be positive, not {price}.");
        Ensure(price.Amount <= OrderRule.MaxUnitPrice, OrderRule.PriceWithinLimit, $"The unit price is at most {OrderRule.MaxUnitPrice:0.00}, not {price}.");
        Ensure(price.Currency == order.Currency, OrderRule.OneCurrencyPerOrder,
            $"This order is in {order.Currency}; an item priced in {price.Currency} cannot join it.");
        if (Line(order, product) is { } existing)
        {
            Ensure(existing.UnitPrice == price, OrderRule.OnePricePerProduct, $"{product} is already in the order at {existing.UnitPrice}.");
            // Both are at most the limit, so their sum cannot overflow an int.
            Ensure(existing.Quantity + command.Quantity <= OrderRule.MaxQuantityPerLine, OrderRule.QuantityWithinLimit,
                $"{product} is in the order {existing.Quantity} times; a line holds at most {OrderRule.MaxQuantityPerLine}.");
        }
        else
            Ensure(order.Lines.Count < OrderRule.MaxDistinctItems, OrderRule.AtMostTenDistinctItems,
                $"An order holds at most {OrderRule.MaxDistinctItems} distinct items.");
        return [new ItemAdded(order.Id, product, command.Quantity, price.Amount, price.Currency)];
    }

    public static IReadOnlyList<object> Decide(Order.RemoveItem command, Order? state)
    {
        var order = Draft(state);
        var product = command.ProductId?.Trim() ?? "";
        Ensure(Line(order, product) is not null, OrderRule.ItemIsInTheOrder, $"'{product}' is not in the order.");
        return [new ItemRemoved(order.Id, product)];
    }

    public static IReadOnlyList<object> Decide(Order.Submit command, Order? state)
    {
        var order = Submittable(state);
        return
        [
            new OrderSubmitted(order.Id, order.UserId, command.Customer.Name, command.Customer.Email,
                [.. order.Lines.Select(line => new SubmittedLine(line.ProductId, line.Quantity))], order.Total.Amount, order.Currency, command.Payment, command.At),
        ];
    }

    /// <summary>A step's report may arrive after the order ended (reports travel separately), so it is recorded then too.</summary>
    public static IReadOnlyList<object> Decide(Order.RecordStep command, Order? state)
    {
        var order = Submitted(state);
        return order.Steps.Exists(step => step.ExecutionId == command.ExecutionId && step.Outcome == command.Outcome)
            ? []
            : [new WorkflowStepRecorded(order.Id, command.Step, command.Outcome, command.At, command.Detail, command.ExecutionId)];
    }

    public static IReadOnlyList<object> Decide(Order.ConfirmWorkflow command, Order? state)
    {
        var order = Submitted(state);
        if (order.Status == OrderStatus.Confirmed)
            return [];
        Ensure(order.Status is OrderStatus.Submitted or OrderStatus.NeedsAttention, OrderRule.FinalStatesAreFinal, "A cancelled order cannot be confirmed.");
        return [new OrderConfirmed(order.Id, order.UserId, order.CustomerName!, order.CustomerEmail!, order.Total.Amount, order.Currency, command.At)];
    }

    public static IReadOnlyList<object> Decide(Order.CancelWorkflow command, Order? state)
    {
        var order = Submitted(state);
        if (order.Status == OrderStatus.Cancelled)
            return [];
        Ensure(order.Status is OrderStatus.Submitted or OrderStatus.NeedsAttention, OrderRule.FinalStatesAreFinal,
            "A confirmed order cannot be cancelled by its workflow.");
        return [new OrderCancelled(order.Id, order.UserId, order.CustomerName!, order.CustomerEmail!, command.Reason, command.At)];
    }

    /// <summary>Only a running workflow is flagged: one that ended meanwhile, or is flagged already, decides nothing.</summary>
    public static IReadOnlyList<object> Decide(Order.FlagForAttention command, Order? state)
    {
        var order = Submitted(state);
        return order.Status == OrderStatus.Submitted ? [new OrderNeedsAttention(order.Id, command.Reason, command.At)] : [];
    }

    /// <summary>The state after <paramref name="event"/>; its version counts the events folded.</summary>
    public static Order Evolve(Order? state, object @event)
    {
        if (state is null)
            return @event is OrderDrafted drafted
                ? new Order(drafted.OrderId, drafted.UserId, drafted.Currency, OrderStatus.Draft, [], [], null, null, null, null, null, 1)
                : throw new InvalidOperationException($"An order cannot begin with {@event.GetType().Name}.");
        var next = @event switch
        {
            ItemAdded added => state with { Lines = Added(state, added) },
            ItemRemoved removed => state with { Lines = state.Lines.RemoveAll(line => line.ProductId == removed.ProductId) },
            OrderSubmitted submitted => state with
            {
                Status = OrderStatus.Submitted, SubmittedAt = submitted.At, CustomerName = submitted.CustomerName, CustomerEmail = submitted.CustomerEmail,
                Payment = submitted.Payment,
            },
            WorkflowStepRecorded recorded => state with
            {
                Steps = state.Steps.Add(new WorkflowStep(recorded.Step, recorded.Outcome, recorded.At, recorded.Detail, recorded.ExecutionId)),
            },
            OrderConfirmed confirmed => state with { Status = OrderStatus.Confirmed, EndedAt = confirmed.At },
            OrderCancelled cancelled => state with { Status = OrderStatus.Cancelled, CancellationReason = cancelled.Reason, EndedAt = cancelled.At },
            OrderNeedsAttention flagged => state with { Status = OrderStatus.NeedsAttention, AttentionReason = flagged.Reason },
            _ => throw new InvalidOperationException($"An order cannot evolve by {@event.GetType().Name}."),
        };
        return next with { Version = state.Version + 1 };
    }

    private static System.Collections.Immutable.ImmutableList<OrderLine> Added(Order order, ItemAdded added)
    {
        var index = order.Lines.FindIndex(line => line.ProductId == added.ProductId);
        return index < 0
            ? order.Lines.Add(new OrderLine(added.ProductId, added.Quantity, Money.Of(added.UnitPrice, added.Currency)))
            : order.Lines.SetItem(index, order.Lines[index] with { Quantity = checked(order.Lines[index].Quantity + added.Quantity) });
    }

    private static OrderLine? Line(Order order, string productId) => order.Lines.Find(line => line.ProductId == productId);

    /// <summary>The order, if it may be submitted: a draft with lines. The card is asked for only then (and tokenized by the caller).</summary>
    public static Order Submittable(Order? state)
    {
        var order = Existing(state);
        Ensure(order.Status == OrderStatus.Draft, OrderRule.ConfirmedOnce,
            $"The order was already submitted (it is {order.Status.ToString().ToLowerInvariant()}).");
        Ensure(order.Lines.Count > 0, OrderRule.EmptyOrderCannotBeConfirmed, "An empty order cannot be submitted.");
        return order;
    }

    private static Order Existing(Order? state) =>
        state ?? throw new OrderRuleBrokenException(OrderRule.OnlyDraftsChange, "There is no such order.");

    private static Order Draft(Order? state)
    {
        var order = Existing(state);
        Ensure(order.Status == OrderStatus.Draft, OrderRule.OnlyDraftsChange,
            $"The order is {order.Status.ToString().ToLowerInvariant()}: only a draft's items can change.");
        return order;
    }

    private static Order Submitted(Order? state)
    {
        var order = Existing(state);
        Ensure(order.Status != OrderStatus.Draft, OrderRule.WorkflowNeedsConfirmation, "The workflow runs only for a submitted order.");
        return order;
    }

    private static void Ensure(bool holds, string rule, string message) => OrderRuleBrokenException.ThrowUnless(holds, rule, message);
}
