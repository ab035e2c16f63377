using Platform.Chat.Application;
using Platform.Chat.Application.PostingMessage;
using Platform.Chat.Domain;
using Platform.Testing;

namespace Platform.Chat.Tests.Application;

/// <summary>Posting through the handler: a new message takes from its author's allowance, a resend does not, and a refused post appends nothing.</summary>
public sealed class PostMessageHandlerTests
{
    private static readonly Guid Ada = Guid.Parse("0192f5a0-0000-7000-8000-00000000000a");
    private readonly InMemoryUnitOfWork<Room> rooms = new(events => events.Aggregate((Room?)null, RoomDecider.Evolve)!);
    private readonly Messages messages = new();
    private readonly Allowance allowance = new();
    private readonly Guid room = Guid.NewGuid();

    public PostMessageHandlerTests() =>
        rooms.StartAsync(room, RoomDecider.Decide(new Room.Open(room, "general", Ada, DateTimeOffset.UnixEpoch), null), default).Wait();

    private PostMessageHandler Handler() => new(rooms, messages, allowance, TimeProvider.System);

    [Fact]
    public async Task A_new_message_takes_from_the_allowance_and_over_it_nothing_is_posted()
    {
        allowance.Left = 1;
        var posted = await Handler().HandleAsync(new PostMessage(room, Guid.NewGuid(), Ada, "one"), default);
        Assert.Equal(2, posted.Version);

        var tooFast = await Assert.ThrowsAsync<PostingTooFastException>(() => Handler().HandleAsync(new PostMessage(room, Guid.NewGuid(), Ada, "two"), default));
        Assert.Equal(TimeSpan.FromSeconds(3), tooFast.RetryAfter);
        Assert.Equal(2, rooms.EventsOf(room).Count);
    }

    [Fact]
    public async Task A_resend_is_answered_with_the_first_posts_version_and_takes_nothing()
    {
        var id = Guid.NewGuid();
        allowance.Left = 1;
        var first = await Handler().HandleAsync(new PostMessage(room, id, Ada, "once"), default);
        messages.Known[id] = new PostedMessage(room, id, Ada, "once", first.Version, Deleted: false);

        var resent = await Handler().HandleAsync(new PostMessage(room, id, Ada, "once"), default);

        Assert.True(resent.Resent);
        Assert.Equal(first.Version, resent.Version);
        Assert.Equal(0, allowance.Left);
        Assert.Equal(2, rooms.EventsOf(room).Count);
    }

    private sealed class Allowance : IPostingRate
    {
        public int Left { get; set; }

        public bool TryTake(Guid user, out TimeSpan retryAfter)
        {
            retryAfter = TimeSpan.FromSeconds(3);
            return Left-- > 0;
        }
    }

    private sealed class Messages : IRoomMessages
    {
        public Dictionary<Guid, PostedMessage> Known { get; } = [];

        public Task<PostedMessage?> FindAsync(Guid messageId, CancellationToken ct) => Task.FromResult(Known.GetValueOrDefault(messageId));

        public Task<IReadOnlyList<MessageView>> BeforeAsync(Guid roomId, long before, int limit, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<MessageView>> AfterAsync(Guid roomId, long after, int limit, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<MessageView>> SearchAsync(Guid roomId, string query, int limit, CancellationToken ct) => throw new NotSupportedException();
    }
}
