using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Platform.Chat.Domain;

namespace Platform.Chat.Infrastructure;

/// <summary>
/// The messages, one document each, kept inline: in the commit that appends the room's event, so a resend looks its
/// message up and finds it, and a page of history is never behind the stream. Each keeps its event's version in the
/// room's stream (an aggregation across streams would number it by the store's sequence instead). Inserting a
/// message under an id already taken fails the commit: one id, one message, even across rooms.
/// </summary>
public sealed partial class ChatMessageProjection : EventProjection
{
    public ChatMessageProjection()
    {
        IncludeType<MessagePosted>();
        IncludeType<MessageEdited>();
        IncludeType<MessageDeleted>();
    }

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent @event, CancellationToken cancellation)
    {
        switch (@event.Data)
        {
            case MessagePosted posted:
                operations.Insert(new ChatMessage
                {
                    Id = posted.MessageId, RoomId = posted.RoomId, Version = @event.Version, AuthorId = posted.AuthorId, Text = posted.Text, PostedAt = posted.At,
                });
                break;
            case MessageEdited edited when await operations.LoadAsync<ChatMessage>(edited.MessageId, cancellation) is { } message:
                message.Text = edited.Text;
                message.EditedAt = edited.At;
                operations.Store(message);
                break;
            case MessageDeleted deleted when await operations.LoadAsync<ChatMessage>(deleted.MessageId, cancellation) is { } message:
                message.Text = null;
                message.Deleted = true;
                operations.Store(message);
                break;
        }
    }
}
