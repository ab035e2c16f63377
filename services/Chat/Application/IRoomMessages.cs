using Platform.Chat.Domain;

namespace Platform.Chat.Application;

/// <summary>The messages, each under the id its client gave it, as the room's stream has them (kept in its commits).</summary>
public interface IRoomMessages
{
    /// <summary>The message under <paramref name="messageId"/>, in whichever room: a resend, or an id taken.</summary>
    Task<PostedMessage?> FindAsync(Guid messageId, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> of a room's messages before a version, newest first.</summary>
    Task<IReadOnlyList<MessageView>> BeforeAsync(Guid roomId, long before, int limit, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> of a room's messages after a version, oldest first: what a client missed.</summary>
    Task<IReadOnlyList<MessageView>> AfterAsync(Guid roomId, long after, int limit, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> of a room's messages that match <paramref name="query"/> (full-text, web-style: words, "a phrase", or, -not), newest first.</summary>
    Task<IReadOnlyList<MessageView>> SearchAsync(Guid roomId, string query, int limit, CancellationToken ct);
}

/// <summary>A message as members read it: a deleted one keeps its place in the order, without its text.</summary>
public sealed record MessageView(Guid Id, long Version, Guid AuthorId, string? Text, DateTimeOffset PostedAt, DateTimeOffset? EditedAt, bool Deleted);
