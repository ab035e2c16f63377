namespace Platform.Ordering.Domain;

public sealed record OrderLine(string ProductId, int Quantity, Money UnitPrice)
{
    public Money Total => UnitPrice.Times(Quantity);
}
