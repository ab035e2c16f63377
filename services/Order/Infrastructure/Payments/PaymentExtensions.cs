using Platform.ServiceDefaults.Identity;
using Platform.Ordering.Application.ChargingPayment;

namespace Platform.Ordering.Infrastructure.Payments;

public static class PaymentExtensions
{
    /// <summary>The payment port's adapter, chosen by <c>Payments:Processor</c> (Simulator by default, or Http).</summary>
    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PaymentOptions.Section).Get<PaymentOptions>() ?? new PaymentOptions();
        if (options.Processor == PaymentProcessorKind.Http)
        {
            var address = options.HttpBaseAddress
                ?? throw new InvalidOperationException("Payments:Processor is Http, but Payments:HttpBaseAddress is not set.");
            // The payment API sees who calls: the service's own client-credentials token (ADR 0037).
            builder.Services.AddHttpClient<IPaymentProcessor, HttpPaymentGateway>(http => http.BaseAddress = address).WithServiceToken();
            return builder;
        }

        builder.Services.Configure<CardSimulatorOptions>(builder.Configuration.GetSection(CardSimulatorOptions.Section));
        builder.Services.AddSingleton<PaymentLedger>();
        builder.Services.AddSingleton<CardVault>();
        builder.Services.AddSingleton<IPaymentProcessor, CardSimulator>();
        return builder;
    }
}
