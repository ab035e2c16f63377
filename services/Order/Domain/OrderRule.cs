namespace Platform.Ordering.Domain;

/// <summary>The order's invariants, each with a stable name that a refusal (422) carries.</summary>
public static class OrderRule
{
    public const string OnlyDraftsChange = "only-drafts-change";
    public const string AtMostTenDistinctItems = "at-most-ten-distinct-items";
    public const string EmptyOrderCannotBeConfirmed = "empty-order-cannot-be-confirmed";
    public const string QuantityIsPositive = "quantity-is-positive";
    public const string QuantityWithinLimit = "quantity-within-limit";
    public const string PriceWithinLimit = "price-within-limit";
    public const string PriceIsPositive = "price-is-positive";
    public const string OneCurrencyPerOrder = "one-currency-per-order";
    public const string ConfirmedOnce = "confirmed-once";
    public const string OnePricePerProduct = "one-price-per-product";
    public const string ItemIsInTheOrder = "item-is-in-the-order";
    public const string CurrencyIsIso4217 = "currency-is-iso-4217";
    public const string ProductIsNamed = "product-is-named";
    public const string PaymentCardIsValid = "payment-card-is-valid";
    public const string WorkflowNeedsConfirmation = "workflow-needs-confirmation";
    public const string FinalStatesAreFinal = "final-states-are-final";
    public const string OnlyOrdersNeedingAttentionAreCompensated = "only-orders-needing-attention-are-compensated";

    public const int MaxDistinctItems = 10;

    /// <summary>The most of one product a line holds, however many times it was added.</summary>
    public const int MaxQuantityPerLine = 1_000;

    /// <summary>The highest unit price: with <see cref="MaxQuantityPerLine"/> and <see cref="MaxDistinctItems"/>, no total comes near decimal's range.</summary>
    public const decimal MaxUnitPrice = 1_000_000m;
}

/// <summary>A command would break one of the order's rules; nothing was changed.</summary>
public sealed class OrderRuleBrokenException(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;

    public static void ThrowUnless(bool holds, string rule, string message)
    {
        if (!holds)
            throw new OrderRuleBrokenException(rule, message);
    }
}
