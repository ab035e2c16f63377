using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Ordering.Application;
using Platform.Ordering.Application.ChangingItems;
using Platform.Ordering.Application.SubmittingOrder;
using Platform.Ordering.Application.DraftingOrder;
using Platform.Ordering.Application.ListingOrders;
using Platform.EventStore.TimeTravel;
using Platform.EventStore.UnitOfWork;
using Platform.Ordering.Domain;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Identity;

namespace Platform.Ordering.Api;

/// <summary>
/// /api/orders: drafts, their items, submission (which starts the workflow), a user's orders, and an order as it was
/// (time travel). Versions travel as ETags; If-Match makes a change conditional. Every route needs a signed-in caller
/// (401): an order is its customer's or an admin's, and anyone else finds nothing there (404); a draft or a list in
/// another customer's name is a 403.
/// </summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization();
        orders.MapPost("/", DraftAsync).WithName("DraftOrder");
        orders.MapGet("/{id:guid}", GetAsync).WithName("GetOrder");
        orders.MapGet("/", ListAsync).WithName("ListOrders");
        orders.MapPost("/{id:guid}/items", AddItemAsync).WithName("AddOrderItem");
        orders.MapDelete("/{id:guid}/items/{productId}", RemoveItemAsync).WithName("RemoveOrderItem");
        orders.MapPost("/{id:guid}/submit", SubmitAsync).WithName("SubmitOrder");
        orders.MapPost("/{id:guid}/confirm", SubmitAsync).ExcludeFromDescription(); // the former name of /submit, answered for now
        orders.MapTimeTravel<Order, OrderResponse>(OrderResponse.From, new Dictionary<string, string> { ["items"] = "productId" },
            mayRead: async (http, id) => await http.RequestServices.GetRequiredService<IOrderRepository>().LoadAsync(id, http.RequestAborted) is { } order
                && http.User.AsRequester().MayReach(order));
        return app;
    }

    private static async Task<Created<OrderVersionResponse>> DraftAsync(
        DraftOrderRequest? request, DraftOrderHandler handler, HttpContext http, CancellationToken ct)
    {
        var customer = request?.UserId ?? http.User.UserId()
            ?? throw new BadHttpRequestException("userId is required: the caller is not a user, so the draft names its customer.");
        return Created(await handler.HandleAsync(new DraftOrder(customer, request?.Currency, http.User.AsRequester()), ct), http);
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetAsync(Guid id, IOrderRepository orders, HttpContext http, CancellationToken ct)
    {
        var order = await orders.LoadAsync(id, ct) is { } found && http.User.AsRequester().MayReach(found)
            ? found
            : throw new StreamNotFoundException(nameof(Order), id);
        http.Response.Headers.ETag = EntityTag.For(order.Version);
        return TypedResults.Ok(OrderResponse.From(order));
    }

    private static async Task<Ok<OrderSummaryResponse[]>> ListAsync(Guid? userId, int? limit, IOrderSummaries summaries, HttpContext http, CancellationToken ct)
    {
        var user = userId ?? http.User.UserId() ?? throw new BadHttpRequestException("userId is required: /api/orders?userId=... (the caller is not a user).");
        if (!http.User.AsRequester().MayActFor(user))
            throw new NotTheCustomerException(user);
        var orders = await summaries.ForUserAsync(user, Math.Clamp(limit ?? 50, 1, 200), ct);
        return TypedResults.Ok(orders.Select(OrderSummaryResponse.From).ToArray());
    }

    private static async Task<Ok<OrderVersionResponse>> AddItemAsync(
        Guid id, AddItemRequest? request, [FromHeader(Name = "If-Match")] string? ifMatch, ItemCommands items, HttpContext http, CancellationToken ct) =>
        Changed(await items.AddAsync(new AddItem(id, request?.ProductId,
            request?.Quantity ?? throw new BadHttpRequestException("quantity is required."),
            request.UnitPrice ?? throw new BadHttpRequestException("unitPrice is required."),
            EntityTag.ParseVersion(ifMatch), http.User.AsRequester()), ct), http);

    private static async Task<Ok<OrderVersionResponse>> RemoveItemAsync(
        Guid id, string productId, [FromHeader(Name = "If-Match")] string? ifMatch, ItemCommands items, HttpContext http, CancellationToken ct) =>
        Changed(await items.RemoveAsync(new RemoveItem(id, productId, EntityTag.ParseVersion(ifMatch), http.User.AsRequester()), ct), http);

    private static async Task<Accepted<OrderVersionResponse>> SubmitAsync(
        Guid id, SubmitOrderRequest? request, [FromHeader(Name = "If-Match")] string? ifMatch, SubmitOrderHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SubmitOrder(id, request?.Payment?.Card, EntityTag.ParseVersion(ifMatch), http.User.AsRequester()), ct);
        http.Response.Headers.ETag = EntityTag.For(result.Version);
        return TypedResults.Accepted($"/api/orders/{id}", new OrderVersionResponse(result.Id, result.Version));
    }

    private static Created<OrderVersionResponse> Created(StreamVersion result, HttpContext http)
    {
        http.Response.Headers.ETag = EntityTag.For(result.Version);
        return TypedResults.Created($"/api/orders/{result.Id}", new OrderVersionResponse(result.Id, result.Version));
    }

    private static Ok<OrderVersionResponse> Changed(StreamVersion result, HttpContext http)
    {
        http.Response.Headers.ETag = EntityTag.For(result.Version);
        return TypedResults.Ok(new OrderVersionResponse(result.Id, result.Version));
    }
}
