using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Ordering.Application.ChargingPayment;
using Platform.Ordering.Infrastructure.Payments;

namespace Platform.Ordering.Tests.Application;

/// <summary>
/// A small external payment API on a loopback port, as a payment provider would offer it: a card tokenized once,
/// then charges by token keyed by an Idempotency-Key, refunds and voids. Card 4000000000000002 is declined. It counts
/// every request it answers. (The provider is the outside world: it is the one place a card number may be kept.)
/// </summary>
internal sealed class PaymentApiStub : IAsyncDisposable
{
    public const string DecliningCard = "4000000000000002";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<Guid, PaymentRecord> payments = new();
    private readonly ConcurrentDictionary<string, string> vault = new();

    private PaymentApiStub(WebApplication app) => this.app = app;

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<string> Requests { get; } = new();

    public IReadOnlyDictionary<Guid, PaymentRecord> Payments => payments;

    /// <summary>The secret of <c>platform-services</c> the stub's token endpoint takes, when it asks for a token.</summary>
    public const string ServicesSecret = "the services' client secret, 32 characters or more";
    private const string ServiceToken = "the-service-token";

    /// <param name="askForServiceToken">
    /// Answer only a caller with the service's token, which the stub's own <c>/connect/token</c> gives for the client
    /// credentials of <c>platform-services</c> (the stub then plays the identity server too).
    /// </param>
    public static async Task<PaymentApiStub> StartAsync(bool askForServiceToken = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        var stub = new PaymentApiStub(builder.Build());
        if (askForServiceToken)
            stub.AskForServiceToken();
        stub.Map();
        await stub.app.StartAsync();
        stub.Address = new Uri(stub.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return stub;
    }

    private void AskForServiceToken()
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/connect") || context.Request.Headers.Authorization == $"Bearer {ServiceToken}")
                await next(context);
            else
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        });
        app.MapPost("/connect/token", (HttpRequest request) =>
        {
            var form = request.Form;
            Requests.Enqueue($"token {form["client_id"]}");
            return form["grant_type"] == "client_credentials" && form["client_id"] == "platform-services" && form["client_secret"] == ServicesSecret
                ? Results.Ok(new { access_token = ServiceToken, token_type = "Bearer", expires_in = 300 })
                : Results.BadRequest(new { error = "invalid_client" });
        }).DisableAntiforgery();
    }

    private void Map()
    {
        app.MapPost("/tokens", (Card card) =>
        {
            Requests.Enqueue("tokenize");
            var token = $"tok_{Guid.NewGuid():N}";
            vault[token] = card.Number;
            return Results.Ok(new { token, brand = "visa", last4 = card.Number[^4..] });
        });
        app.MapPost("/charges", (Charge charge, HttpRequest request) =>
        {
            Requests.Enqueue($"charge {request.Headers["Idempotency-Key"]}");
            var id = Guid.Parse(request.Headers["Idempotency-Key"]!);
            var status = vault.GetValueOrDefault(charge.CardToken) == DecliningCard ? PaymentStatus.Declined : PaymentStatus.Charged;
            var record = payments.AddOrUpdate(id,
                _ => new PaymentRecord(id, charge.OrderId, charge.Amount, charge.Currency, status, 1, status == PaymentStatus.Declined ? "card declined" : null),
                (_, known) => known with { ChargeRequests = known.ChargeRequests + 1 });
            return Results.Ok(record);
        });
        app.MapPost("/charges/{id:guid}/refund", (Guid id) =>
        {
            Requests.Enqueue($"refund {id}");
            if (payments.TryGetValue(id, out var known) && known.Status == PaymentStatus.Charged)
                payments[id] = known with { Status = PaymentStatus.Refunded };
            return Results.NoContent();
        });
        app.MapPost("/charges/{id:guid}/void", (Guid id, Charge charge) =>
        {
            Requests.Enqueue($"void {id}");
            return Results.Ok(payments.GetOrAdd(id, _ => new PaymentRecord(id, charge.OrderId, charge.Amount, charge.Currency, PaymentStatus.Voided, 1, "no answer in time")));
        });
        app.MapGet("/charges/{id:guid}", (Guid id) => payments.TryGetValue(id, out var record) ? Results.Ok(record) : Results.NotFound());
    }

    public HttpPaymentGateway Gateway() => new(new HttpClient { BaseAddress = Address });

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private sealed record Charge(Guid PaymentId, Guid OrderId, decimal Amount, string Currency, string CardToken);

    private sealed record Card(string Number);
}
