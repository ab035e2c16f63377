using System.Collections.Immutable;

namespace Platform.Chat.Domain;

/// <summary>
/// A room's state: an immutable record, rebuilt by folding its stream with <see cref="RoomDecider.Evolve"/> (Marten folds
/// it through <see cref="Create"/> and the <c>Apply</c> methods, and keeps it as a snapshot). It keeps
/// who may read and post, and the version its next event takes; what may happen to a room is decided by
/// <see cref="RoomDecider"/>, on the commands below, by its rules (<see cref="ChatRule"/>).
/// </summary>
public sealed record Room(Guid Id, RoomKind Kind, string Name, ImmutableHashSet<Guid> Members, long Version)
{
    public bool HasMember(Guid user) => Members.Contains(user);

    /// <summary>Open a group room; its opener is its first member.</summary>
    public sealed record Open(Guid RoomId, string? Name, Guid OpenedBy, DateTimeOffset At);

    /// <summary>Open the direct conversation of two users (opening it again is no change).</summary>
    public sealed record OpenDirect(Guid OpenedBy, Guid With, DateTimeOffset At)
    {
        public Guid RoomId => DirectConversation.IdOf(OpenedBy, With);
    }

    public sealed record Join(Guid UserId, DateTimeOffset At);

    public sealed record Leave(Guid UserId, DateTimeOffset At);

    /// <param name="Existing">The message the store already has under <paramref name="MessageId"/>, if any.</param>
    public sealed record Post(Guid MessageId, Guid AuthorId, string? Text, DateTimeOffset At, PostedMessage? Existing);

    public sealed record Edit(Guid MessageId, Guid UserId, string? Text, DateTimeOffset At, PostedMessage? Message);

    public sealed record Delete(Guid MessageId, Guid UserId, DateTimeOffset At, PostedMessage? Message);

    // How the event store folds a room (its snapshot is kept inline with each append).
    public static Room Create(RoomOpened opened) => RoomDecider.Evolve(null, opened);

    public Room Apply(MemberJoined joined) => RoomDecider.Evolve(this, joined);

    public Room Apply(MemberLeft left) => RoomDecider.Evolve(this, left);

    public Room Apply(MessagePosted posted) => RoomDecider.Evolve(this, posted);

    public Room Apply(MessageEdited edited) => RoomDecider.Evolve(this, edited);

    public Room Apply(MessageDeleted deleted) => RoomDecider.Evolve(this, deleted);
}
