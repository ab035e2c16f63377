using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Chat.Application;
using Platform.Chat.Application.ChangingMessage;
using Platform.Chat.Application.JoiningRoom;
using Platform.Chat.Application.OpeningDirectConversation;
using Platform.Chat.Application.OpeningRoom;
using Platform.Chat.Application.PostingMessage;
using Platform.Chat.Application.ReadingHistory;
using Platform.Chat.Application.ReportingReceipts;
using Platform.Chat.Domain;
using Platform.EventStore.UnitOfWork;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Identity;

namespace Platform.Chat.Api;

/// <summary>
/// /api/chat: rooms and direct conversations, their members, messages posted under the ids their clients give them,
/// history by version, and receipts as each member's positions. Every route is a signed-in user's (401 without a token, 403 for a client's token); only a
/// room's members read and post in it (403). A room's version travels as its ETag.
/// </summary>
public static class ChatEndpoints
{
    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app)
    {
        var chat = app.MapGroup("/api/chat").WithTags("Chat").RequireAuthorization();
        chat.MapPost("/rooms", OpenRoomAsync).WithName("OpenRoom");
        chat.MapGet("/rooms", ListRoomsAsync).WithName("ListRooms");
        chat.MapGet("/rooms/{id:guid}", GetRoomAsync).WithName("GetRoom");
        chat.MapPost("/direct", OpenDirectAsync).WithName("OpenDirectConversation");
        chat.MapPost("/rooms/{id:guid}/members", JoinAsync).WithName("JoinRoom");
        chat.MapDelete("/rooms/{id:guid}/members/me", LeaveAsync).WithName("LeaveRoom");
        chat.MapPost("/rooms/{id:guid}/messages", PostAsync).WithName("PostMessage");
        chat.MapGet("/rooms/{id:guid}/messages", HistoryAsync).WithName("ReadHistory");
        chat.MapGet("/rooms/{id:guid}/search", SearchAsync).WithName("SearchMessages");
        chat.MapPatch("/rooms/{id:guid}/messages/{messageId:guid}", EditAsync).WithName("EditMessage");
        chat.MapDelete("/rooms/{id:guid}/messages/{messageId:guid}", DeleteAsync).WithName("DeleteMessage");
        chat.MapPut("/rooms/{id:guid}/position", ReportPositionAsync).WithName("ReportPosition");
        chat.MapGet("/rooms/{id:guid}/messages/{messageId:guid}/receipts", ReceiptsAsync).WithName("GetReceipts");
        return app;
    }

    private static async Task<Created<RoomVersionResponse>> OpenRoomAsync(OpenRoomRequest? request, OpenRoomHandler handler, HttpContext http, CancellationToken ct)
    {
        var room = await handler.HandleAsync(new OpenRoom(request?.Name, Me(http)), ct);
        http.Response.Headers.ETag = EntityTag.For(room.Version);
        return TypedResults.Created($"/api/chat/rooms/{room.Id}", new RoomVersionResponse(room.Id, room.Version));
    }

    /// <summary>The caller's rooms, each with how far they read it and how many messages of others wait past that.</summary>
    private static async Task<Ok<RoomSummaryResponse[]>> ListRoomsAsync(Application.ListingRooms.ListRoomsHandler handler, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok((await handler.HandleAsync(Me(http), ct)).Select(RoomSummaryResponse.From).OrderByDescending(room => room.Version).ToArray());

    private static async Task<Ok<RoomResponse>> GetRoomAsync(Guid id, IRooms rooms, HttpContext http, CancellationToken ct)
    {
        var room = RoomDecider.MemberOf(await rooms.FindAsync(id, ct), Me(http));
        http.Response.Headers.ETag = EntityTag.For(room.Version);
        return TypedResults.Ok(RoomResponse.From(room));
    }

    private static async Task<Results<Created<RoomVersionResponse>, Ok<RoomVersionResponse>>> OpenDirectAsync(
        OpenDirectConversationRequest? request, OpenDirectConversationHandler handler, HttpContext http, CancellationToken ct)
    {
        var with = request?.With ?? throw new BadHttpRequestException("with is required: the user to talk to.");
        var (room, opened) = await handler.HandleAsync(new OpenDirectConversation(Me(http), with), ct);
        var body = new RoomVersionResponse(room.Id, room.Version);
        return opened ? TypedResults.Created($"/api/chat/rooms/{room.Id}", body) : TypedResults.Ok(body);
    }

    private static async Task<Ok<RoomVersionResponse>> JoinAsync(Guid id, MembershipHandler handler, HttpContext http, CancellationToken ct) =>
        Changed(await handler.JoinAsync(id, Me(http), ct), http);

    private static async Task<Ok<RoomVersionResponse>> LeaveAsync(Guid id, MembershipHandler handler, HttpContext http, CancellationToken ct) =>
        Changed(await handler.LeaveAsync(id, Me(http), ct), http);

    /// <summary>201 for a new message; 200, with the first post's version, for a resend of one already posted.</summary>
    private static async Task<Results<Created<PostedMessageResponse>, Ok<PostedMessageResponse>>> PostAsync(
        Guid id, PostMessageRequest? request, PostMessageHandler handler, HttpContext http, CancellationToken ct)
    {
        var messageId = request?.Id ?? throw new BadHttpRequestException("id is required: the client names each message, so that a resend is posted once.");
        var posted = await handler.HandleAsync(new PostMessage(id, messageId, Me(http), request.Text), ct);
        var body = new PostedMessageResponse(posted.RoomId, posted.MessageId, posted.Version);
        return posted.Resent ? TypedResults.Ok(body) : TypedResults.Created($"/api/chat/rooms/{id}/messages?after={posted.Version - 1}&limit=1", body);
    }

    private static async Task<Ok<HistoryResponse>> HistoryAsync(
        Guid id, long? before, long? after, int? limit, ReadHistoryHandler handler, HttpContext http, CancellationToken ct)
    {
        if (before is not null && after is not null)
            throw new BadHttpRequestException("Ask for messages before a version or after one, not both.");
        if (limit is < 1 or > ReadHistoryHandler.MaxLimit)
            throw new BadHttpRequestException($"limit runs from 1 to {ReadHistoryHandler.MaxLimit}.");
        var page = await handler.HandleAsync(new ReadHistory(id, Me(http), before, after, limit), ct);
        http.Response.Headers.ETag = EntityTag.For(page.RoomVersion);
        return TypedResults.Ok(HistoryResponse.From(page));
    }

    /// <summary>A room's messages that match the words in <paramref name="q"/>, newest first.</summary>
    private static async Task<Ok<MessageResponse[]>> SearchAsync(
        Guid id, string? q, int? limit, Application.SearchingMessages.SearchMessagesHandler handler, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok((await handler.HandleAsync(new(id, Me(http), q, limit), ct)).Select(MessageResponse.From).ToArray());

    private static async Task<Ok<RoomVersionResponse>> EditAsync(
        Guid id, Guid messageId, EditMessageRequest? request, ChangeMessageHandler handler, HttpContext http, CancellationToken ct) =>
        Changed(await handler.EditAsync(id, messageId, Me(http), request?.Text, ct), http);

    private static async Task<Ok<RoomVersionResponse>> DeleteAsync(Guid id, Guid messageId, ChangeMessageHandler handler, HttpContext http, CancellationToken ct) =>
        Changed(await handler.DeleteAsync(id, messageId, Me(http), ct), http);

    private static async Task<Ok<PositionResponse>> ReportPositionAsync(
        Guid id, PositionRequest? request, ReceiptsHandler receipts, HttpContext http, CancellationToken ct)
    {
        var position = await receipts.ReportAsync(id, Me(http), request?.Delivered ?? 0, request?.Read ?? 0, ct);
        return TypedResults.Ok(new PositionResponse(position.RoomId, position.UserId, position.Delivered, position.Read));
    }

    private static async Task<Ok<ReceiptsResponse>> ReceiptsAsync(Guid id, Guid messageId, ReceiptsHandler receipts, HttpContext http, CancellationToken ct)
    {
        var view = await receipts.OfMessageAsync(id, messageId, Me(http), ct);
        return TypedResults.Ok(new ReceiptsResponse(view.RoomId, view.MessageId, view.Version, view.AuthorId, [.. view.Receipts.DeliveredTo], [.. view.Receipts.ReadBy]));
    }

    private static Guid Me(HttpContext http) => http.User.UserId() ?? throw new NotAUserException();

    private static Ok<RoomVersionResponse> Changed(StreamVersion result, HttpContext http)
    {
        http.Response.Headers.ETag = EntityTag.For(result.Version);
        return TypedResults.Ok(new RoomVersionResponse(result.Id, result.Version));
    }
}
