namespace Platform.Chat.Infrastructure;

/// <summary>A message as stored for reading: keyed by the id its client gave it, with its place in the room's order.</summary>
public sealed class ChatMessage
{
    public Guid Id { get; set; }
    public Guid RoomId { get; set; }
    public long Version { get; set; }
    public Guid AuthorId { get; set; }
    public string? Text { get; set; }
    public DateTimeOffset PostedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public bool Deleted { get; set; }
}
