using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Ordering.Infrastructure.Payments;
using Platform.Ordering.Application.ChargingPayment;

namespace Platform.Ordering.Tests.Application;

/// <summary>The payment port's HTTP adapter against a stub of an external payment API, over real HTTP on loopback.</summary>
public sealed class HttpPaymentGatewayTests : IAsyncLifetime
{
    private PaymentApiStub api = null!;

    public async Task InitializeAsync() => api = await PaymentApiStub.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    private static PaymentRequest Request(string token = "tok_unknown") => new(Guid.NewGuid(), Guid.NewGuid(), 24m, "EUR", token);

    [Fact]
    public async Task A_card_is_tokenized_once_and_charges_name_only_the_token()
    {
        var card = await api.Gateway().TokenizeAsync("4242424242424242", default);
        Assert.StartsWith("tok_", card.Token);
        Assert.Equal(("visa", "4242"), (card.Brand, card.Last4));

        var request = Request(card.Token);
        Assert.True((await api.Gateway().ChargeAsync(request, default)).Charged);
        Assert.Equal(["tokenize", $"charge {request.PaymentId}"], api.Requests);
    }

    [Fact]
    public async Task A_retried_charge_is_answered_again_and_charged_once()
    {
        var request = Request();

        Assert.True((await api.Gateway().ChargeAsync(request, default)).Charged);
        Assert.True((await api.Gateway().ChargeAsync(request, default)).Charged);

        var payment = await api.Gateway().FindAsync(request.PaymentId, default);
        Assert.Equal((PaymentStatus.Charged, 2, 24m), (payment!.Status, payment.ChargeRequests, payment.Amount));
        Assert.Equal([$"charge {request.PaymentId}", $"charge {request.PaymentId}"], api.Requests);
    }

    [Fact]
    public async Task A_declined_card_is_declined_with_the_provider_s_reason()
    {
        var declining = await api.Gateway().TokenizeAsync(PaymentApiStub.DecliningCard, default);
        var result = await api.Gateway().ChargeAsync(Request(declining.Token), default);

        Assert.Equal((false, "card declined"), (result.Charged, result.DeclineReason));
    }

    [Fact]
    public async Task A_void_before_the_charge_refuses_the_late_charge_and_a_void_after_it_keeps_the_charge()
    {
        var late = Request();
        Assert.Equal(PaymentStatus.Voided, (await api.Gateway().VoidAsync(late, default)).Status);
        Assert.False((await api.Gateway().ChargeAsync(late, default)).Charged);

        var settled = Request();
        await api.Gateway().ChargeAsync(settled, default);
        Assert.Equal(PaymentStatus.Charged, (await api.Gateway().VoidAsync(settled, default)).Status);
    }

    [Fact]
    public async Task A_refund_turns_a_charge_into_a_refund_and_an_unknown_payment_is_not_found()
    {
        var request = Request();
        await api.Gateway().ChargeAsync(request, default);

        await api.Gateway().RefundAsync(request.PaymentId, default);

        Assert.Equal(PaymentStatus.Refunded, (await api.Gateway().FindAsync(request.PaymentId, default))!.Status);
        Assert.Null(await api.Gateway().FindAsync(Guid.NewGuid(), default));
    }

    [Fact]
    public async Task The_adapter_the_service_registers_calls_with_the_service_s_own_token()
    {
        await using var secured = await PaymentApiStub.StartAsync(askForServiceToken: true);
        await Assert.ThrowsAsync<HttpRequestException>(() => secured.Gateway().TokenizeAsync("4242424242424242", default)); // no token, 401

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:Processor"] = "Http",
            ["Payments:HttpBaseAddress"] = secured.Address.ToString(),
            ["Identity:Server"] = secured.Address.ToString(),
            ["Identity:ServicesClientSecret"] = PaymentApiStub.ServicesSecret,
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPayments();
        using var host = builder.Build();
        var payments = host.Services.GetRequiredService<IPaymentProcessor>();

        var card = await payments.TokenizeAsync("4242424242424242", default);
        var request = Request(card.Token);
        Assert.True((await payments.ChargeAsync(request, default)).Charged);
        Assert.Equal(["token platform-services", "tokenize", $"charge {request.PaymentId}"], secured.Requests); // one token, kept
    }
}
