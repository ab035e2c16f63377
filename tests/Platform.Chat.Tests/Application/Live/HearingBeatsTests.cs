using Microsoft.Extensions.Time.Testing;
using Platform.Chat.Application.Live;
using Platform.Chat.Application.Presence;

namespace Platform.Chat.Tests.Application.Live;

/// <summary>
/// A heartbeat heard: its users' changes pushed, and a newcomer (started, or back after falling silent) answered at
/// once with this instance's own beat, so it need not wait a beat to know who is here; a known instance, or this
/// instance's own beat, is not answered.
/// </summary>
public sealed class HearingBeatsTests
{
    private static readonly TimeSpan Beat = TimeSpan.FromSeconds(5);
    private static readonly Guid Ada = Guid.Parse("0192f5a0-0000-7000-8000-00000000000a");
    private static readonly Guid Bob = Guid.Parse("0192f5a0-0000-7000-8000-00000000000b");
    private readonly FakeTimeProvider clock = new();
    private readonly ChatInstance here = new("chat");
    private readonly Signals signals = new();
    private readonly Clients clients = new();
    private readonly HearingBeats beats;

    public HearingBeatsTests()
    {
        var connections = new LocalConnections();
        connections.Add(Ada, "ada's tab");
        beats = new HearingBeats(new PresenceTable(clock), connections, signals, clients, here);
    }

    [Fact]
    public async Task A_newcomers_first_beat_is_answered_with_this_instances_users_and_its_next_is_not()
    {
        await beats.HandleAsync("chat-2-started", [Bob], Beat, CancellationToken.None);
        Assert.Equal([new PresenceChange(Bob, true)], clients.Pushed);
        Assert.Equal([[Ada]], signals.Beats);

        clock.Advance(Beat);
        await beats.HandleAsync("chat-2-started", [Bob], Beat, CancellationToken.None);
        Assert.Single(signals.Beats);
    }

    [Fact]
    public async Task This_instances_own_beat_is_not_answered()
    {
        await beats.HandleAsync(here.Key, [Ada], Beat, CancellationToken.None);
        Assert.Empty(signals.Beats);
    }

    [Fact]
    public async Task An_instance_back_after_three_silent_beats_is_a_newcomer_again()
    {
        await beats.HandleAsync("chat-2-x", [], Beat, CancellationToken.None);
        clock.Advance(Beat * 3 + TimeSpan.FromSeconds(1));
        await beats.HandleAsync("chat-2-x", [], Beat, CancellationToken.None);
        Assert.Equal(2, signals.Beats.Count);
    }

    private sealed class Signals : ILiveSignals
    {
        public List<Guid[]> Beats { get; } = [];

        public Task HeartbeatAsync(IReadOnlyCollection<Guid> online, TimeSpan interval, CancellationToken ct)
        {
            Beats.Add([.. online]);
            return Task.CompletedTask;
        }

        public Task TypingAsync(Guid roomId, Guid userId, CancellationToken ct) => Task.CompletedTask;

        public Task ReceiptsMovedAsync(Guid roomId, Guid userId, long delivered, long read, CancellationToken ct) => Task.CompletedTask;

        public Task PresenceAsync(Guid userId, bool online, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class Clients : ILiveClients
    {
        public List<PresenceChange> Pushed { get; } = [];

        public Task PresenceAsync(PresenceChange change, CancellationToken ct)
        {
            Pushed.Add(change);
            return Task.CompletedTask;
        }

        public Task UpdateAsync(RoomUpdate update, CancellationToken ct) => Task.CompletedTask;

        public Task TypingAsync(Guid roomId, Guid userId, CancellationToken ct) => Task.CompletedTask;

        public Task ReceiptsAsync(Guid roomId, Guid userId, long delivered, long read, CancellationToken ct) => Task.CompletedTask;
    }
}
