namespace Platform.Ordering.Domain;

/// <summary>
/// A card number as the customer typed it, checked and read for its brand, and masked. The number itself never
/// reaches an event: the payment port turns it into a <see cref="PaymentMethod"/> token first (ADR 0035).
/// </summary>
public static class PaymentCard
{
    /// <summary>12 to 19 digits; spaces and dashes are dropped.</summary>
    public static string Number(string? card)
    {
        var digits = new string((card ?? "").Where(c => c is not (' ' or '-')).ToArray());
        OrderRuleBrokenException.ThrowUnless(digits.Length is >= 12 and <= 19 && digits.All(char.IsAsciiDigit), OrderRule.PaymentCardIsValid,
            "Submitting needs a payment card: 12 to 19 digits, such as 4242 4242 4242 4242.");
        return digits;
    }

    /// <summary>The scheme by the number's first digits (its IIN), as a processor reports it.</summary>
    public static string Brand(string digits) => digits switch
    {
        ['4', ..] => "visa",
        ['3', '4' or '7', ..] => "amex",
        ['5', >= '1' and <= '5', ..] => "mastercard",
        ['2', ..] when int.Parse(digits[..4]) is >= 2221 and <= 2720 => "mastercard",
        ['6', '0', '1', '1', ..] or ['6', '5', ..] => "discover",
        _ => "card",
    };

    public static string LastFour(string digits) => digits[^4..];

    /// <summary>What may be kept of a number: its last four digits, behind a mask. A masked value masks to itself.</summary>
    public static string? Mask(string? card)
    {
        if (card is null)
            return null;
        var digits = card.Where(char.IsAsciiDigit).ToArray();
        return digits.Length >= 4 ? $"**** {new string(digits[^4..])}" : "****";
    }
}

/// <summary>The card an order is paid with, as the processor tokenized it: the token it charges, and what a person may be shown.</summary>
public sealed record PaymentMethod(string Token, string Brand, string Last4);
