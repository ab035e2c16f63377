namespace Platform.Ordering.Domain;

/// <summary>
/// The card an order is paid with, as the payment port takes it. Here it is a test card number (the simulator's
/// rules key on it); with a real processor it would be the processor's token, never a card number at rest.
/// </summary>
public static class PaymentCard
{
    /// <summary>12 to 19 digits; spaces and dashes are dropped.</summary>
    public static string Number(string? card)
    {
        var digits = new string((card ?? "").Where(c => c is not (' ' or '-')).ToArray());
        OrderRuleBrokenException.ThrowUnless(digits.Length is >= 12 and <= 19 && digits.All(char.IsAsciiDigit), OrderRule.PaymentCardIsValid,
            "Confirming needs a payment card: 12 to 19 digits, such as 4242 4242 4242 4242.");
        return digits;
    }
}
