using Platform.Chat.Application.ChangingMessage;
using Platform.Chat.Application.JoiningRoom;
using Platform.Chat.Application.OpeningDirectConversation;
using Platform.Chat.Application.OpeningRoom;
using Platform.Chat.Application.PostingMessage;
using Platform.Chat.Application.ReadingHistory;
using Platform.Chat.Application.ReportingReceipts;
using Platform.ServiceDefaults.OpenApi;

namespace Platform.Chat.Api;

public static class ChatApiExtensions
{
    /// <summary>The HTTP API's use cases, its OpenAPI document, and the chat's refusals as problem+json.</summary>
    public static IHostApplicationBuilder AddChatApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPlatformOpenApi();
        builder.Services.AddExceptionHandler<ChatProblemHandler>();
        builder.Services.AddExceptionHandler<PostingRateProblemHandler>();
        builder.Services.AddScoped<OpenRoomHandler>();
        builder.Services.AddScoped<OpenDirectConversationHandler>();
        builder.Services.AddScoped<MembershipHandler>();
        builder.Services.AddScoped<PostMessageHandler>();
        builder.Services.AddSingleton<RoomTurns>();
        builder.Services.AddScoped<ChangeMessageHandler>();
        builder.Services.AddScoped<ReadHistoryHandler>();
        builder.Services.AddScoped<ReceiptsHandler>();
        builder.Services.AddScoped<Application.ListingRooms.ListRoomsHandler>();
        builder.Services.AddScoped<Application.SearchingMessages.SearchMessagesHandler>();
        return builder;
    }
}
