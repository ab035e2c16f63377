using Platform.Chat.Application.Live;
using Platform.Chat.Domain;

namespace Platform.Chat.Tests.Application.Live;

/// <summary>Every event a room's stream holds becomes an update with its version, so a client can apply each in order.</summary>
public sealed class RoomUpdateTests
{
    private static readonly Guid Room = Guid.Parse("0192f5a0-0000-7000-8000-0000000000aa");
    private static readonly Guid Ada = Guid.Parse("0192f5a0-0000-7000-8000-00000000000a");
    private static readonly Guid Message = Guid.Parse("0192f5a0-0000-7000-8000-0000000000ff");
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    public static TheoryData<object, string, Guid?, Guid?, string?> Events => new()
    {
        { new RoomOpened(Room, RoomKind.Group, "general", Ada, [Ada], At), "opened", null, Ada, "general" },
        { new MemberJoined(Room, Ada, At), "joined", null, Ada, null },
        { new MemberLeft(Room, Ada, At), "left", null, Ada, null },
        { new MessagePosted(Room, Message, Ada, "hello", At), "posted", Message, Ada, "hello" },
        { new MessageEdited(Room, Message, "hello again", At), "edited", Message, null, "hello again" },
        { new MessageDeleted(Room, Message, At), "deleted", Message, null, null },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_event_is_an_update_at_its_version(object @event, string type, Guid? message, Guid? user, string? text) =>
        Assert.Equal(new RoomUpdate(Room, 7, type, message, user, text, At), RoomUpdate.Of(@event, 7));

    [Fact]
    public void Every_event_type_of_a_room_is_forwarded() =>
        Assert.Equal(Events.Select(row => row[0].GetType()).ToHashSet(), RoomUpdate.EventTypes.ToHashSet());
}
