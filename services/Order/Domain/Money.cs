namespace Platform.Ordering.Domain;

/// <summary>An amount in a currency (ISO 4217 code). Amounts of different currencies never mix.</summary>
public readonly record struct Money
{
    private Money(decimal amount, string currency)
    {
        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    public string Currency { get; }

    public static Money Of(decimal amount, string? currency) => new(amount, CurrencyCode(currency));

    public static Money Zero(string currency) => Of(0, currency);

    /// <summary>Three letters, upper-cased: "eur" becomes "EUR".</summary>
    public static string CurrencyCode(string? currency)
    {
        var code = currency?.Trim().ToUpperInvariant() ?? "";
        OrderRuleBrokenException.ThrowUnless(code.Length == 3 && code.All(char.IsAsciiLetterUpper), OrderRule.CurrencyIsIso4217,
            $"'{currency}' is not a currency code: use three letters, such as EUR.");
        return code;
    }

    public Money Plus(Money other)
    {
        OrderRuleBrokenException.ThrowUnless(other.Currency == Currency, OrderRule.OneCurrencyPerOrder,
            $"{other.Currency} cannot be added to {Currency}.");
        return new Money(Amount + other.Amount, Currency);
    }

    public Money Times(int quantity) => new(Amount * quantity, Currency);

    public override string ToString() => $"{Amount:0.00} {Currency}";
}
