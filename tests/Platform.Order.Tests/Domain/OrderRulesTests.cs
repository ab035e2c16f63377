using Platform.Ordering.Domain;

namespace Platform.Ordering.Tests.Domain;

/// <summary>Every rule of the order aggregate, each refused with its name, and what a draft may do.</summary>
public sealed class OrderRulesTests
{
    private static readonly Money TenEuros = Money.Of(10m, "EUR");

    private static Order NewDraft(string currency = "EUR") =>
        Order.Create(Order.Draft(Guid.NewGuid(), Guid.NewGuid(), currency));

    private static Order With(params (string Product, int Quantity)[] items)
    {
        var order = NewDraft();
        foreach (var (product, quantity) in items)
            order.Apply(order.AddItem(product, quantity, TenEuros));
        return order;
    }

    private static readonly Customer Buyer = new(Guid.NewGuid(), "Ada", "ada@example.com", 1);

    private const string Card = "4242 4242 4242 4242";

    private static OrderSubmitted Submit(Order order) => order.Submit(Buyer, Card, DateTimeOffset.UtcNow);

    private static void AssertBreaks(string rule, Action command) =>
        Assert.Equal(rule, Assert.Throws<OrderRuleBrokenException>(command).Rule);

    [Fact]
    public void A_draft_takes_items_and_totals_them()
    {
        var order = With(("book", 2), ("pen", 3));

        Assert.Equal([("book", 2), ("pen", 3)], order.Lines.Select(line => (line.ProductId, line.Quantity)));
        Assert.Equal(Money.Of(50m, "EUR"), order.Total);
        Assert.Equal(3, order.Version);
    }

    [Fact]
    public void The_same_product_again_adds_to_its_quantity() =>
        Assert.Equal(5, Assert.Single(With(("book", 2), ("book", 3)).Lines).Quantity);

    [Fact]
    public void A_removed_item_leaves_the_order()
    {
        var order = With(("book", 1), ("pen", 1));

        order.Apply(order.RemoveItem("book"));

        Assert.Equal(["pen"], order.Lines.Select(line => line.ProductId));
    }

    [Fact]
    public void Items_change_only_while_the_order_is_a_draft()
    {
        var order = With(("book", 1));
        order.Apply(Submit(order));

        AssertBreaks(OrderRule.OnlyDraftsChange, () => order.AddItem("pen", 1, TenEuros));
        AssertBreaks(OrderRule.OnlyDraftsChange, () => order.RemoveItem("book"));
    }

    [Fact]
    public void An_order_holds_at_most_ten_distinct_items()
    {
        var order = With([.. Enumerable.Range(1, OrderRule.MaxDistinctItems).Select(i => ($"product-{i}", 1))]);

        AssertBreaks(OrderRule.AtMostTenDistinctItems, () => order.AddItem("product-11", 1, TenEuros));
        order.Apply(order.AddItem("product-1", 1, TenEuros)); // more of one already there is still ten distinct items
    }

    [Fact]
    public void An_empty_order_cannot_be_confirmed()
    {
        AssertBreaks(OrderRule.EmptyOrderCannotBeConfirmed, () => Submit(NewDraft()));

        var emptied = With(("book", 1));
        emptied.Apply(emptied.RemoveItem("book"));
        AssertBreaks(OrderRule.EmptyOrderCannotBeConfirmed, () => Submit(emptied));
    }

    [Fact]
    public void A_confirmed_order_cannot_be_confirmed_again()
    {
        var order = With(("book", 2));
        var submitted = Submit(order);
        order.Apply(submitted);

        Assert.Equal(OrderStatus.Submitted, order.Status);
        Assert.Equal((20m, "EUR", "4242424242424242"), (submitted.Total, submitted.Currency, submitted.Card));
        Assert.Equal([new SubmittedLine("book", 2)], submitted.Lines);
        AssertBreaks(OrderRule.ConfirmedOnce, () => Submit(order));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("4242")]
    [InlineData("4242 4242 4242 424x")]
    [InlineData("42424242424242424242")]
    public void Confirming_needs_a_card_number(string? card) =>
        AssertBreaks(OrderRule.PaymentCardIsValid, () => With(("book", 1)).Submit(Buyer, card, DateTimeOffset.UtcNow));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Quantities_are_positive(int quantity) =>
        AssertBreaks(OrderRule.QuantityIsPositive, () => NewDraft().AddItem("book", quantity, TenEuros));

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    public void Prices_are_positive(string amount) =>
        AssertBreaks(OrderRule.PriceIsPositive, () => NewDraft().AddItem("book", 1, Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "EUR")));

    [Fact]
    public void One_order_is_in_one_currency()
    {
        AssertBreaks(OrderRule.OneCurrencyPerOrder, () => NewDraft("EUR").AddItem("book", 1, Money.Of(10m, "USD")));
        AssertBreaks(OrderRule.OneCurrencyPerOrder, () => Money.Of(1m, "EUR").Plus(Money.Of(1m, "USD")));
    }

    [Fact]
    public void A_product_keeps_one_unit_price() =>
        AssertBreaks(OrderRule.OnePricePerProduct, () => With(("book", 1)).AddItem("book", 1, Money.Of(12m, "EUR")));

    [Fact]
    public void Only_an_item_in_the_order_can_be_removed() =>
        AssertBreaks(OrderRule.ItemIsInTheOrder, () => With(("book", 1)).RemoveItem("pen"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    public void A_currency_is_a_three_letter_code(string? currency) =>
        AssertBreaks(OrderRule.CurrencyIsIso4217, () => Order.Draft(Guid.NewGuid(), Guid.NewGuid(), currency));

    [Fact]
    public void A_currency_code_is_read_in_any_case() =>
        Assert.Equal("EUR", Order.Draft(Guid.NewGuid(), Guid.NewGuid(), " eur ").Currency);

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void An_item_names_its_product(string? product) =>
        AssertBreaks(OrderRule.ProductIsNamed, () => NewDraft().AddItem(product, 1, TenEuros));

    [Fact]
    public void A_refused_command_changes_nothing()
    {
        var order = With(("book", 1));

        Assert.Throws<OrderRuleBrokenException>(() => order.AddItem("pen", 0, TenEuros));

        Assert.Equal((1, 2L), (order.Lines.Count, order.Version));
    }
}
