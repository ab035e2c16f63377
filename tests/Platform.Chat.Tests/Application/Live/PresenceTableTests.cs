using Microsoft.Extensions.Time.Testing;
using Platform.Chat.Application.Live;
using Platform.Chat.Application.Presence;

namespace Platform.Chat.Tests.Application.Live;

/// <summary>
/// Presence as every instance hears it: online while any instance has the user, offline when the last one lets go or
/// falls silent for three beats, and each change told once.
/// </summary>
public sealed class PresenceTableTests
{
    private static readonly TimeSpan Beat = TimeSpan.FromSeconds(5);
    private static readonly Guid Ada = Guid.Parse("0192f5a0-0000-7000-8000-00000000000a");
    private static readonly Guid Bob = Guid.Parse("0192f5a0-0000-7000-8000-00000000000b");
    private readonly FakeTimeProvider clock = new();
    private readonly PresenceTable table;

    public PresenceTableTests() => table = new PresenceTable(clock);

    [Fact]
    public void A_user_is_online_from_their_first_connection_on_any_instance_to_their_last()
    {
        Assert.Equal([new PresenceChange(Ada, true)], table.Connected("chat", Ada, Beat));
        Assert.Empty(table.Connected("chat-2", Ada, Beat)); // a second tab, elsewhere: no change to tell
        Assert.Empty(table.Disconnected("chat", Ada));
        Assert.True(table.IsOnline(Ada));
        Assert.Equal([new PresenceChange(Ada, false)], table.Disconnected("chat-2", Ada));
        Assert.False(table.IsOnline(Ada));
    }

    [Fact]
    public void A_silent_instances_users_go_offline_after_three_missed_beats_and_not_before()
    {
        table.Heartbeat("chat", [Ada, Bob], Beat);
        table.Heartbeat("chat-2", [Bob], Beat);
        clock.Advance(Beat * 2);
        table.Heartbeat("chat-2", [Bob], Beat); // chat-2 beats on; chat, killed, does not
        clock.Advance(Beat);
        Assert.Empty(table.Expire()); // three beats since chat's last: not yet gone
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([new PresenceChange(Ada, false)], table.Expire()); // Bob stays online through chat-2
        Assert.True(table.IsOnline(Bob));
        Assert.Empty(table.Expire()); // told once
    }

    [Fact]
    public void A_heartbeat_ends_the_entries_of_users_that_instance_no_longer_has()
    {
        table.Heartbeat("chat", [Ada, Bob], Beat);
        // Bob's disconnection never arrived, but chat's next beat does not name him.
        Assert.Equal([new PresenceChange(Bob, false)], table.Heartbeat("chat", [Ada], Beat));
        Assert.True(table.IsOnline(Ada));
    }

    [Fact]
    public void A_user_back_on_another_instance_is_online_again_and_the_old_entry_expiring_changes_nothing()
    {
        table.Connected("chat", Ada, Beat);
        clock.Advance(Beat * 2);
        Assert.Empty(table.Connected("chat-2", Ada, Beat)); // reconnected before chat's entry expired: never seen offline
        clock.Advance(Beat * 2);
        Assert.Empty(table.Expire()); // chat's entry ends, chat-2's lives
        Assert.True(table.IsOnline(Ada));
    }
}
