using System.Net;
using System.Net.Http.Json;
using Platform.Ordering.Application.ChargingPayment;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Infrastructure.Payments;

/// <summary>
/// The payment port over HTTP, to an external payment API (<c>Payments:Http:BaseAddress</c>): the same port as the
/// card simulator, so the workflow does not know which one it talks to. Every call names the payment, and the
/// charge carries it as its <c>Idempotency-Key</c>: a retried request (ours or the resilience handler's) never
/// charges twice.
/// </summary>
public sealed class HttpPaymentGateway(HttpClient http) : IPaymentProcessor
{
    /// <summary>The one call that carries the card number: to the processor, which answers with its token.</summary>
    public async Task<PaymentMethod> TokenizeAsync(string cardNumber, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("tokens", new TokenizeBody(cardNumber), cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PaymentMethod>(PaymentApiJson.Options, cancellationToken))!;
    }

    public async Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "charges")
        {
            Content = JsonContent.Create(new ChargeBody(request.PaymentId, request.OrderId, request.Amount, request.Currency, request.CardToken)),
        };
        message.Headers.Add("Idempotency-Key", request.PaymentId.ToString());
        using var response = await http.SendAsync(message, cancellationToken);
        return (await ReadAsync(response, cancellationToken))!.Answer;
    }

    public async Task RefundAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"charges/{paymentId}/refund", null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<PaymentRecord> VoidAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"charges/{request.PaymentId}/void",
            new ChargeBody(request.PaymentId, request.OrderId, request.Amount, request.Currency, request.CardToken), cancellationToken);
        return (await ReadAsync(response, cancellationToken))!;
    }

    public async Task<PaymentRecord?> FindAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"charges/{paymentId}", cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync(response, cancellationToken);
    }

    private static async Task<PaymentRecord?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        response.EnsureSuccessStatusCode(); // a 5xx is transient: the step is retried, with the same idempotency key
        return await response.Content.ReadFromJsonAsync<PaymentRecord>(PaymentApiJson.Options, cancellationToken);
    }

    private sealed record ChargeBody(Guid PaymentId, Guid OrderId, decimal Amount, string Currency, string CardToken);

    private sealed record TokenizeBody(string Number);
}

/// <summary>The external payment API's JSON: camelCase, statuses by name.</summary>
public static class PaymentApiJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
