namespace Platform.Ordering.Infrastructure.Payments;

/// <summary>The card simulator's decline rules; deterministic, so a test knows which card does what.</summary>
public sealed class CardSimulatorOptions
{
    public const string Section = "Payments:Simulator";

    /// <summary>A charge above this amount (in any currency) is declined.</summary>
    public decimal AmountLimit { get; set; } = 10_000m;

    /// <summary>Card numbers that are always declined (read when a card is tokenized: charges name the token).</summary>
    public List<string> DecliningCards { get; set; } = ["4000000000000002"];

    /// <summary>Card numbers that answer only after <see cref="SlowCardDelay"/>, longer than the workflow waits.</summary>
    public List<string> SlowCards { get; set; } = ["4000000000000259"];

    public TimeSpan SlowCardDelay { get; set; } = TimeSpan.FromSeconds(30);
}
