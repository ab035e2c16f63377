using Marten;
using Platform.Chat.Application;
using Platform.Chat.Domain;

namespace Platform.Chat.Infrastructure;

/// <summary>The messages as the inline projection keeps them (<see cref="ChatMessageProjection"/>): by id, and a room's by version.</summary>
public sealed class MartenRoomMessages(IQuerySession session) : IRoomMessages
{
    public async Task<PostedMessage?> FindAsync(Guid messageId, CancellationToken ct) =>
        await session.LoadAsync<ChatMessage>(messageId, ct) is { } message
            ? new PostedMessage(message.RoomId, message.Id, message.AuthorId, message.Text ?? "", message.Version, message.Deleted)
            : null;

    public async Task<IReadOnlyList<MessageView>> BeforeAsync(Guid roomId, long before, int limit, CancellationToken ct) =>
        View(await session.Query<ChatMessage>()
            .Where(message => message.RoomId == roomId && message.Version < before)
            .OrderByDescending(message => message.Version).Take(limit).ToListAsync(ct));

    public async Task<IReadOnlyList<MessageView>> AfterAsync(Guid roomId, long after, int limit, CancellationToken ct) =>
        View(await session.Query<ChatMessage>()
            .Where(message => message.RoomId == roomId && message.Version > after)
            .OrderBy(message => message.Version).Take(limit).ToListAsync(ct));

    public async Task<IReadOnlyList<MessageView>> SearchAsync(Guid roomId, string query, int limit, CancellationToken ct) =>
        View(await session.Query<ChatMessage>()
            .Where(message => message.RoomId == roomId && !message.Deleted && message.WebStyleSearch(query))
            .OrderByDescending(message => message.Version).Take(limit).ToListAsync(ct));

    private static MessageView[] View(IEnumerable<ChatMessage> messages) =>
        [.. messages.Select(message => new MessageView(message.Id, message.Version, message.AuthorId, message.Text, message.PostedAt, message.EditedAt, message.Deleted))];
}
