using System.Globalization;
using Platform.Ordering.Domain;
using Platform.Testing;

namespace Platform.Ordering.Tests.Domain;

/// <summary>Every rule of the order, Given its events, When a command, Then the events it causes or the rule that refuses it.</summary>
public sealed class OrderRulesTests
{
    private static readonly Guid OrderId = Guid.NewGuid();
    private static readonly Guid UserId = Guid.NewGuid();
    private static readonly Money TenEuros = Money.Of(10m, "EUR");
    private static readonly Customer Buyer = new(UserId, "Ada", "ada@example.com", 1);
    private static readonly DateTimeOffset At = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly PaymentMethod Card = new("tok_4242", "visa", "4242");

    private static readonly OrderDrafted Drafted = new(OrderId, UserId, "EUR");

    private static ItemAdded Added(string product, int quantity = 1, decimal price = 10m) => new(OrderId, product, quantity, price, "EUR");

    private static DeciderSpec<Order> Given(params object[] events) => new DeciderSpec<Order>(OrderDecider.Evolve).Given(events);

    private static void Refused(string rule, DeciderSpec<Order>.Decision decision) =>
        Assert.Equal(rule, decision.ThenRefused<OrderRuleBrokenException>().Rule);

    [Fact]
    public void Drafting_opens_an_order_in_one_currency_read_in_any_case() =>
        Given().When(state => OrderDecider.Decide(new Order.Draft(OrderId, UserId, " eur "), state)).Then(Drafted);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    public void A_currency_is_a_three_letter_code(string? currency) =>
        Refused(OrderRule.CurrencyIsIso4217, Given().When(state => OrderDecider.Decide(new Order.Draft(OrderId, UserId, currency), state)));

    [Fact]
    public void A_draft_takes_items_and_totals_them()
    {
        var order = Given(Drafted, Added("book", 2), Added("pen", 3)).State!;

        Assert.Equal([("book", 2), ("pen", 3)], order.Lines.Select(line => (line.ProductId, line.Quantity)));
        Assert.Equal((Money.Of(50m, "EUR"), 3L), (order.Total, order.Version));
    }

    [Fact]
    public void Adding_an_item_records_it_trimmed() =>
        Given(Drafted).When(state => OrderDecider.Decide(new Order.AddItem(" book ", 2, TenEuros), state)).Then(Added("book", 2));

    [Fact]
    public void The_same_product_again_adds_to_its_quantity() =>
        Assert.Equal(5, Assert.Single(Given(Drafted, Added("book", 2), Added("book", 3)).State!.Lines).Quantity);

    [Fact]
    public void A_removed_item_leaves_the_order()
    {
        Given(Drafted, Added("book"), Added("pen"))
            .When(state => OrderDecider.Decide(new Order.RemoveItem("book"), state))
            .Then(new ItemRemoved(OrderId, "book"));
        Assert.Equal(["pen"], Given(Drafted, Added("book"), Added("pen"), new ItemRemoved(OrderId, "book")).State!.Lines.Select(line => line.ProductId));
    }

    [Fact]
    public void Items_change_only_while_the_order_is_a_draft()
    {
        var submitted = Given(Drafted, Added("book"), Submitted(10m));

        Refused(OrderRule.OnlyDraftsChange, submitted.When(state => OrderDecider.Decide(new Order.AddItem("pen", 1, TenEuros), state)));
        Refused(OrderRule.OnlyDraftsChange, submitted.When(state => OrderDecider.Decide(new Order.RemoveItem("book"), state)));
    }

    [Fact]
    public void An_order_holds_at_most_ten_distinct_items()
    {
        var ten = Given([Drafted, .. Enumerable.Range(1, OrderRule.MaxDistinctItems).Select(i => Added($"product-{i}"))]);

        Refused(OrderRule.AtMostTenDistinctItems, ten.When(state => OrderDecider.Decide(new Order.AddItem("product-11", 1, TenEuros), state)));
        ten.When(state => OrderDecider.Decide(new Order.AddItem("product-1", 1, TenEuros), state)).Then(Added("product-1")); // more of one is still ten
    }

    [Fact]
    public void Submitting_fixes_the_lines_the_total_the_card_s_token_and_who_is_notified()
    {
        var decision = Given(Drafted, Added("book", 2)).When(state => OrderDecider.Decide(new Order.Submit(Buyer, Card, At), state));

        var submitted = Assert.IsType<OrderSubmitted>(Assert.Single(decision.Events!));
        Assert.Equal(Submitted(20m) with { Lines = submitted.Lines }, submitted); // a record compares its list by reference
        Assert.Equal([new SubmittedLine("book", 2)], submitted.Lines);
    }

    [Fact]
    public void An_empty_order_cannot_be_confirmed()
    {
        Refused(OrderRule.EmptyOrderCannotBeConfirmed, Given(Drafted).When(state => OrderDecider.Decide(new Order.Submit(Buyer, Card, At), state)));
        Refused(OrderRule.EmptyOrderCannotBeConfirmed, Given(Drafted, Added("book"), new ItemRemoved(OrderId, "book"))
            .When(state => OrderDecider.Decide(new Order.Submit(Buyer, Card, At), state)));
    }

    [Fact]
    public void A_confirmed_order_cannot_be_confirmed_again() =>
        Refused(OrderRule.ConfirmedOnce, Given(Drafted, Added("book"), Submitted(10m))
            .When(state => OrderDecider.Decide(new Order.Submit(Buyer, Card, At), state)));

    [Theory]
    [InlineData(null)]
    [InlineData("4242")]
    [InlineData("4242 4242 4242 424x")]
    [InlineData("42424242424242424242")]
    public void Submitting_needs_a_card_number(string? card) =>
        Assert.Equal(OrderRule.PaymentCardIsValid, Assert.Throws<OrderRuleBrokenException>(() => PaymentCard.Number(card)).Rule);

    [Theory]
    [InlineData("4242 4242 4242 4242", "visa")]
    [InlineData("5555-5555-5555-4444", "mastercard")]
    [InlineData("2223003122003222", "mastercard")]
    [InlineData("378282246310005", "amex")]
    [InlineData("6011111111111117", "discover")]
    [InlineData("9999999999999995", "card")]
    public void A_card_s_brand_is_read_from_its_first_digits(string card, string brand) =>
        Assert.Equal(brand, PaymentCard.Brand(PaymentCard.Number(card)));

    [Theory]
    [InlineData("4242424242424242", "**** 4242")]
    [InlineData("**** 4242", "**** 4242")]
    [InlineData("42", "****")]
    [InlineData(null, null)]
    public void A_masked_card_keeps_only_its_last_four_digits_and_masks_to_itself(string? card, string? masked) =>
        Assert.Equal(masked, PaymentCard.Mask(card));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Quantities_are_positive(int quantity) =>
        Refused(OrderRule.QuantityIsPositive, Given(Drafted).When(state => OrderDecider.Decide(new Order.AddItem("book", quantity, TenEuros), state)));

    [Theory]
    [InlineData(OrderRule.MaxQuantityPerLine + 1)]
    [InlineData(int.MaxValue)]
    public void A_line_holds_at_most_the_largest_quantity(int quantity) =>
        Refused(OrderRule.QuantityWithinLimit, Given(Drafted).When(state => OrderDecider.Decide(new Order.AddItem("book", quantity, TenEuros), state)));

    /// <summary>Adding the same product again once summed in unchecked arithmetic: int.MaxValue + 1 was a negative quantity and total.</summary>
    [Fact]
    public void Adding_a_product_again_cannot_pass_the_largest_quantity_or_overflow()
    {
        var full = Given(Drafted, Added("book", OrderRule.MaxQuantityPerLine));
        Refused(OrderRule.QuantityWithinLimit, full.When(state => OrderDecider.Decide(new Order.AddItem("book", 1, TenEuros), state)));
        Refused(OrderRule.QuantityWithinLimit, full.When(state => OrderDecider.Decide(new Order.AddItem("book", int.MaxValue, TenEuros), state)));
        Assert.Throws<OverflowException>(() => Given(Drafted, Added("book", int.MaxValue), Added("book", 1)).State);
    }

    [Fact]
    public void A_unit_price_is_at_most_the_highest_price() =>
        Refused(OrderRule.PriceWithinLimit, Given(Drafted).When(state =>
            OrderDecider.Decide(new Order.AddItem("book", 1, Money.Of(decimal.MaxValue, "EUR")), state)));

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    public void Prices_are_positive(string amount) =>
        Refused(OrderRule.PriceIsPositive, Given(Drafted).When(state =>
            OrderDecider.Decide(new Order.AddItem("book", 1, Money.Of(decimal.Parse(amount, CultureInfo.InvariantCulture), "EUR")), state)));

    [Fact]
    public void One_order_is_in_one_currency()
    {
        Refused(OrderRule.OneCurrencyPerOrder, Given(Drafted).When(state => OrderDecider.Decide(new Order.AddItem("book", 1, Money.Of(10m, "USD")), state)));
        Assert.Equal(OrderRule.OneCurrencyPerOrder, Assert.Throws<OrderRuleBrokenException>(() => Money.Of(1m, "EUR").Plus(Money.Of(1m, "USD"))).Rule);
    }

    [Fact]
    public void A_product_keeps_one_unit_price() =>
        Refused(OrderRule.OnePricePerProduct, Given(Drafted, Added("book"))
            .When(state => OrderDecider.Decide(new Order.AddItem("book", 1, Money.Of(12m, "EUR")), state)));

    [Fact]
    public void Only_an_item_in_the_order_can_be_removed() =>
        Refused(OrderRule.ItemIsInTheOrder, Given(Drafted, Added("book")).When(state => OrderDecider.Decide(new Order.RemoveItem("pen"), state)));

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void An_item_names_its_product(string? product) =>
        Refused(OrderRule.ProductIsNamed, Given(Drafted).When(state => OrderDecider.Decide(new Order.AddItem(product, 1, TenEuros), state)));

    [Fact]
    public void Evolve_leaves_the_state_it_was_given_as_it_was()
    {
        var draft = Given(Drafted, Added("book")).State!;

        var next = OrderDecider.Evolve(draft, Added("pen"));

        Assert.Equal((1, 2L), (draft.Lines.Count, draft.Version));
        Assert.Equal((2, 3L), (next.Lines.Count, next.Version));
    }

    private static OrderSubmitted Submitted(decimal total) =>
        new(OrderId, UserId, Buyer.Name, Buyer.Email, [new SubmittedLine("book", 1)], total, "EUR", Card, At);
}
