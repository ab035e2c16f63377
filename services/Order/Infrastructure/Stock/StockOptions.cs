namespace Platform.Ordering.Infrastructure.Stock;

public sealed class StockOptions
{
    public const string Section = "Stock";

    /// <summary>Products and the quantity each starts with; a product already in the table keeps its own count.</summary>
    public Dictionary<string, int> Products { get; set; } = [];
}
