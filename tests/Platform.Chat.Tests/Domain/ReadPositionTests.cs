using CsCheck;
using Platform.Chat.Domain;

namespace Platform.Chat.Tests.Domain;

public sealed class ReadPositionTests
{
    private static readonly Guid Room = Guid.NewGuid();
    private static readonly Guid Ada = Guid.Parse("0192f5a0-0000-7000-8000-00000000000a");
    private static readonly Guid Bob = Guid.Parse("0192f5a0-0000-7000-8000-00000000000b");
    private static readonly Guid Eve = Guid.Parse("0192f5a0-0000-7000-8000-00000000000e");

    [Fact]
    public void Positions_only_go_forward_and_a_read_message_is_delivered() =>
        Gen.Select(Gen.Long[0, 50], Gen.Long[0, 50]).Array[1, 30].Sample(reports =>
        {
            var position = ReadPosition.Start(Room, Ada);
            foreach (var (delivered, read) in reports)
            {
                var next = position.Advance(delivered, read, roomVersion: 50);
                if (next.Delivered < position.Delivered || next.Read < position.Read || next.Read > next.Delivered)
                    return false;
                if (next.Delivered < Math.Max(delivered, read) || next.Read < read)
                    return false; // what the client reported holds
                position = next;
            }
            return true;
        });

    [Theory]
    [InlineData(11, 0)]
    [InlineData(0, 11)]
    [InlineData(-1, 0)]
    public void A_position_no_client_can_have_seen_is_refused(long delivered, long read) =>
        Assert.Equal(ChatRule.PositionWithinRoom,
            Assert.Throws<ChatRuleBrokenException>(() => ReadPosition.Start(Room, Ada).Advance(delivered, read, roomVersion: 10)).Rule);

    [Fact]
    public void The_sender_sees_who_has_the_message_and_who_read_it_never_themselves()
    {
        ReadPosition[] positions =
        [
            new(Room, Ada, Delivered: 9, Read: 9), // the author
            new(Room, Bob, Delivered: 7, Read: 5),
            new(Room, Eve, Delivered: 4, Read: 4),
        ];
        var receipts = MessageReceipts.Of(version: 6, author: Ada, positions);
        Assert.Equal([Bob], receipts.DeliveredTo);
        Assert.Empty(receipts.ReadBy);
        Assert.Equal([Bob, Eve], MessageReceipts.Of(version: 4, author: Ada, positions).ReadBy);
    }
}
