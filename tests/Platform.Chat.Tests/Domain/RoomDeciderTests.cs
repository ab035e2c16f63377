using Platform.Chat.Domain;
using Platform.Testing;

namespace Platform.Chat.Tests.Domain;

public sealed class RoomDeciderTests
{
    private static readonly Guid RoomId = Guid.Parse("0192f5a0-0000-7000-8000-000000000001");
    private static readonly Guid Ada = Guid.Parse("0192f5a0-0000-7000-8000-00000000000a");
    private static readonly Guid Bob = Guid.Parse("0192f5a0-0000-7000-8000-00000000000b");
    private static readonly Guid Eve = Guid.Parse("0192f5a0-0000-7000-8000-00000000000e");
    private static readonly Guid MessageId = Guid.Parse("0192f5a0-0000-7000-8000-0000000000f1");
    private static readonly DateTimeOffset At = new(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);

    private static readonly RoomOpened Opened = new(RoomId, RoomKind.Group, "general", Ada, [Ada], At);
    private static readonly MemberJoined BobJoined = new(RoomId, Bob, At);

    private static DeciderSpec<Room> Spec() => new(RoomDecider.Evolve);

    private static PostedMessage Posted(Guid author, string text, bool deleted = false) => new(RoomId, MessageId, author, text, 3, deleted);

    private static void Refused(DeciderSpec<Room>.Decision decision, string rule) =>
        Assert.Equal(rule, decision.ThenRefused<ChatRuleBrokenException>().Rule);

    [Fact]
    public void A_room_is_opened_with_its_opener_as_its_only_member() =>
        Spec().When(state => RoomDecider.Decide(new Room.Open(RoomId, "  general ", Ada, At), state)).ThenEquivalent(Opened);

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_room_needs_a_name(string? name) =>
        Refused(Spec().When(state => RoomDecider.Decide(new Room.Open(RoomId, name, Ada, At), state)), ChatRule.RoomIsNamed);

    [Fact]
    public void Opening_the_same_room_again_is_no_change_but_another_room_under_its_id_is_refused()
    {
        Spec().Given(Opened).When(state => RoomDecider.Decide(new Room.Open(RoomId, "general", Ada, At), state)).Then();
        Refused(Spec().Given(Opened).When(state => RoomDecider.Decide(new Room.Open(RoomId, "random", Bob, At), state)), ChatRule.RoomIdIsUnique);
    }

    [Fact]
    public void A_member_posts_and_a_non_member_is_refused()
    {
        Spec().Given(Opened, BobJoined).When(state => RoomDecider.Decide(new Room.Post(MessageId, Bob, "hello", At, null), state))
            .Then(new MessagePosted(RoomId, MessageId, Bob, "hello", At));
        Refused(Spec().Given(Opened, BobJoined).When(state => RoomDecider.Decide(new Room.Post(MessageId, Eve, "hello", At, null), state)), ChatRule.MembersOnly);
    }

    [Fact]
    public void A_member_who_left_may_no_longer_post() =>
        Refused(Spec().Given(Opened, BobJoined, new MemberLeft(RoomId, Bob, At))
            .When(state => RoomDecider.Decide(new Room.Post(MessageId, Bob, "still here?", At, null), state)), ChatRule.MembersOnly);

    [Fact]
    public void Nothing_is_posted_to_a_room_that_does_not_exist() =>
        Refused(Spec().When(state => RoomDecider.Decide(new Room.Post(MessageId, Ada, "hello", At, null), state)), ChatRule.RoomExists);

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void An_empty_message_is_refused(string text) =>
        Refused(Spec().Given(Opened).When(state => RoomDecider.Decide(new Room.Post(MessageId, Ada, text, At, null), state)), ChatRule.TextIsNotEmpty);

    [Fact]
    public void A_message_at_the_limit_is_posted_and_one_over_it_refused()
    {
        var atLimit = new string('a', ChatRule.MaxTextLength);
        Spec().Given(Opened).When(state => RoomDecider.Decide(new Room.Post(MessageId, Ada, atLimit, At, null), state))
            .Then(new MessagePosted(RoomId, MessageId, Ada, atLimit, At));
        Refused(Spec().Given(Opened).When(state => RoomDecider.Decide(new Room.Post(MessageId, Ada, atLimit + "a", At, null), state)), ChatRule.TextWithinLimit);
    }

    [Fact]
    public void A_resend_with_the_same_client_id_posts_nothing()
    {
        var spec = Spec().Given(Opened, new MessagePosted(RoomId, MessageId, Ada, "hello", At));
        spec.When(state => RoomDecider.Decide(new Room.Post(MessageId, Ada, "hello", At.AddSeconds(5), Posted(Ada, "hello")), state)).Then();
    }

    [Fact]
    public void Another_message_under_a_taken_id_is_refused()
    {
        var spec = Spec().Given(Opened, BobJoined, new MessagePosted(RoomId, MessageId, Ada, "hello", At));
        Refused(spec.When(state => RoomDecider.Decide(new Room.Post(MessageId, Ada, "something else", At, Posted(Ada, "hello")), state)), ChatRule.MessageIdIsUnique);
        Refused(spec.When(state => RoomDecider.Decide(new Room.Post(MessageId, Bob, "hello", At, Posted(Ada, "hello")), state)), ChatRule.MessageIdIsUnique);
    }

    [Fact]
    public void Only_the_author_edits_or_deletes_a_message()
    {
        var spec = Spec().Given(Opened, BobJoined, new MessagePosted(RoomId, MessageId, Ada, "hello", At));
        spec.When(state => RoomDecider.Decide(new Room.Edit(MessageId, Ada, "hello!", At, Posted(Ada, "hello")), state))
            .Then(new MessageEdited(RoomId, MessageId, "hello!", At));
        Refused(spec.When(state => RoomDecider.Decide(new Room.Edit(MessageId, Bob, "hijacked", At, Posted(Ada, "hello")), state)), ChatRule.OwnMessagesOnly);
        Refused(spec.When(state => RoomDecider.Decide(new Room.Delete(MessageId, Bob, At, Posted(Ada, "hello")), state)), ChatRule.OwnMessagesOnly);
        spec.When(state => RoomDecider.Decide(new Room.Delete(MessageId, Ada, At, Posted(Ada, "hello")), state))
            .Then(new MessageDeleted(RoomId, MessageId, At));
    }

    [Fact]
    public void A_deleted_message_stays_deleted()
    {
        var spec = Spec().Given(Opened, new MessagePosted(RoomId, MessageId, Ada, "hello", At), new MessageDeleted(RoomId, MessageId, At));
        Refused(spec.When(state => RoomDecider.Decide(new Room.Edit(MessageId, Ada, "back", At, Posted(Ada, "hello", deleted: true)), state)),
            ChatRule.DeletedMessagesStayDeleted);
        spec.When(state => RoomDecider.Decide(new Room.Delete(MessageId, Ada, At, Posted(Ada, "hello", deleted: true)), state)).Then();
    }

    [Fact]
    public void A_message_of_another_room_is_not_edited_here()
    {
        var elsewhere = Posted(Ada, "hello") with { RoomId = Guid.NewGuid() };
        Refused(Spec().Given(Opened).When(state => RoomDecider.Decide(new Room.Edit(MessageId, Ada, "x", At, elsewhere), state)), ChatRule.MessageIsInTheRoom);
        Refused(Spec().Given(Opened).When(state => RoomDecider.Decide(new Room.Delete(MessageId, Ada, At, null), state)), ChatRule.MessageIsInTheRoom);
    }

    [Fact]
    public void Joining_twice_and_leaving_twice_change_nothing_the_second_time()
    {
        Spec().Given(Opened, BobJoined).When(state => RoomDecider.Decide(new Room.Join(Bob, At), state)).Then();
        Spec().Given(Opened).When(state => RoomDecider.Decide(new Room.Leave(Bob, At), state)).Then();
    }

    [Fact]
    public void A_direct_conversation_has_its_two_and_nobody_joins_or_leaves()
    {
        var open = new Room.OpenDirect(Bob, Ada, At);
        var opened = new RoomOpened(open.RoomId, RoomKind.Direct, "", Bob, [Ada, Bob], At);
        Spec().When(state => RoomDecider.Decide(open, state)).ThenEquivalent(opened);
        Spec().Given(opened).When(state => RoomDecider.Decide(new Room.OpenDirect(Ada, Bob, At), state)).Then();
        Refused(Spec().Given(opened).When(state => RoomDecider.Decide(new Room.Join(Eve, At), state)), ChatRule.DirectConversationsKeepTheirTwo);
        Refused(Spec().Given(opened).When(state => RoomDecider.Decide(new Room.Leave(Ada, At), state)), ChatRule.DirectConversationsKeepTheirTwo);
        Refused(Spec().When(state => RoomDecider.Decide(new Room.OpenDirect(Ada, Ada, At), state)), ChatRule.NotWithOneself);
    }

    [Fact]
    public void The_version_counts_every_event_as_the_stream_does()
    {
        var room = Spec().Given(Opened, BobJoined, new MessagePosted(RoomId, MessageId, Ada, "hello", At), new MessageEdited(RoomId, MessageId, "hi", At),
            new MemberLeft(RoomId, Bob, At)).State!;
        Assert.Equal(5, room.Version);
        Assert.Equal([Ada], room.Members);
    }
}
