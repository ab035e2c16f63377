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

    private readonly Moderation moderation = new();

    private PostMessageHandler Handler() => new(rooms, messages, allowance, moderation, new RoomTurns(), TimeProvider.System);

    [Fact]
    public async Task A_message_a_plugin_refuses_is_not_posted_takes_nothing_and_the_sender_reads_the_plugins_reason()
    {
        allowance.Left = 1;
        moderation.Refusal = new PostRefusal("word-filter", "the word 'spam' is not allowed here");

        var refused = await Assert.ThrowsAsync<ChatRuleBrokenException>(() => Handler().HandleAsync(new PostMessage(room, Guid.NewGuid(), Ada, "spam"), default));

        Assert.Equal(ChatRule.ModerationAllows, refused.Rule);
        Assert.Contains("word-filter", refused.Message);
        Assert.Contains("the word 'spam' is not allowed here", refused.Message);
        Assert.Equal(1, allowance.Left);
        Assert.Single(rooms.EventsOf(room)); // the room's opening only
    }

    [Fact]
    public async Task The_plugins_see_neither_a_resend_nor_a_message_its_rules_refuse()
    {
        allowance.Left = 5;
        var id = Guid.NewGuid();
        var first = await Handler().HandleAsync(new PostMessage(room, id, Ada, "once"), default);
        messages.Known[id] = new PostedMessage(room, id, Ada, "once", first.Version, Deleted: false);
        await Handler().HandleAsync(new PostMessage(room, id, Ada, "once"), default);
        await Assert.ThrowsAsync<ChatRuleBrokenException>(() => Handler().HandleAsync(new PostMessage(room, Guid.NewGuid(), Ada, new string('x', ChatRule.MaxTextLength + 1)), default));
        await Assert.ThrowsAsync<ChatRuleBrokenException>(() => Handler().HandleAsync(new PostMessage(room, Guid.NewGuid(), Ada, "  "), default));

        Assert.Equal(["once"], moderation.Seen);
    }

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

    [Fact]
    public async Task A_post_that_loses_the_race_for_the_rooms_next_version_is_decided_again_and_posted_after_the_winner()
    {
        allowance.Left = 2;
        var winner = Guid.NewGuid();
        rooms.InterleaveBeforeNextCommit = () => Handler().HandleAsync(new PostMessage(room, winner, Ada, "first to commit"), default).Wait();

        var late = await Handler().HandleAsync(new PostMessage(room, Guid.NewGuid(), Ada, "second"), default);

        Assert.Equal(3, late.Version);
        Assert.Equal(["first to commit", "second"], rooms.EventsOf(room).OfType<MessagePosted>().Select(posted => posted.Text));
    }

    [Fact]
    public async Task A_post_that_loses_the_race_to_its_own_resend_is_answered_as_the_resend()
    {
        allowance.Left = 2;
        var id = Guid.NewGuid();
        rooms.InterleaveBeforeNextCommit = () =>
        {
            var first = Handler().HandleAsync(new PostMessage(room, id, Ada, "once"), default).Result;
            messages.Known[id] = new PostedMessage(room, id, Ada, "once", first.Version, Deleted: false);
        };

        var answer = await Handler().HandleAsync(new PostMessage(room, id, Ada, "once"), default);

        Assert.True(answer.Resent);
        Assert.Equal(2, answer.Version);
        Assert.Single(rooms.EventsOf(room).OfType<MessagePosted>());
    }

    private sealed class Moderation : IPostingHooks
    {
        public PostRefusal? Refusal { get; set; }

        public List<string> Seen { get; } = [];

        public Task<PostRefusal?> BeforePostAsync(Guid roomId, Guid authorId, string text, CancellationToken ct)
        {
            Seen.Add(text);
            return Task.FromResult(Refusal);
        }
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
