namespace Platform.Ordering.Infrastructure.Payments;

/// <summary>Which adapter serves the payment port: the built-in card simulator, or an external API over HTTP.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    public PaymentProcessorKind Processor { get; set; } = PaymentProcessorKind.Simulator;

    /// <summary>The external payment API, for <see cref="PaymentProcessorKind.Http"/>.</summary>
    public Uri? HttpBaseAddress { get; set; }
}

public enum PaymentProcessorKind
{
    Simulator,
    Http,
}
