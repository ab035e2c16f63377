namespace Platform.Order.Domain;

/// <summary>
/// The event-sourced order and its rules (<see cref="OrderRule"/>). As with the user, decisions return the event
/// they cause and change nothing; state changes only by applying events, which is how an order is rebuilt.
/// </summary>
public sealed class Order
{
    private readonly List<OrderLine> lines = [];

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

    public OrderConfirmed Confirm()
    {
        OrderRuleBrokenException.ThrowUnless(Status != OrderStatus.Confirmed, OrderRule.ConfirmedOnce, "The order is already confirmed.");
        OrderRuleBrokenException.ThrowUnless(lines.Count > 0, OrderRule.EmptyOrderCannotBeConfirmed, "An empty order cannot be confirmed.");
        var total = Total;
        return new OrderConfirmed(Id, total.Amount, total.Currency);
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

    public void Apply(OrderConfirmed confirmed)
    {
        Status = OrderStatus.Confirmed;
        Version++;
    }

    private OrderLine? Line(string productId) => lines.Find(line => line.ProductId == productId);

    private void EnsureDraft() =>
        OrderRuleBrokenException.ThrowUnless(Status == OrderStatus.Draft, OrderRule.OnlyDraftsChange,
            $"The order is {Status.ToString().ToLowerInvariant()}: only a draft's items can change.");
}
