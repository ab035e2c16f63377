using Platform.Chat.Application.Live;

namespace Platform.Chat.Application.Presence;

/// <summary>
/// Who is online, as this instance has heard it from every instance (itself included): an entry per user and
/// instance, renewed by that instance's heartbeats and gone after <see cref="MissedBeats"/> of them are missed, so a
/// killed instance's users go offline. A user is online while any entry of theirs lives (until <see cref="Expire"/>, run
/// every beat, ends it). Each change of a user's state
/// is returned once, to be pushed to whoever watches them.
/// </summary>
public sealed class PresenceTable(TimeProvider clock)
{
    public const int MissedBeats = 3;

    private readonly Dictionary<(Guid User, string Instance), DateTimeOffset> expiries = [];
    private readonly Dictionary<string, DateTimeOffset> instances = []; // when each instance, heard beating, goes silent
    private readonly Lock gate = new();

    public bool IsOnline(Guid user)
    {
        lock (gate)
            return OnlineNow(user);
    }

    /// <summary>A user's first connection to <paramref name="instance"/> opened.</summary>
    public IReadOnlyList<PresenceChange> Connected(string instance, Guid user, TimeSpan interval)
    {
        lock (gate)
            return Change([user], now => expiries[(user, instance)] = now + interval * MissedBeats);
    }

    /// <summary>A user's last connection to <paramref name="instance"/> closed.</summary>
    public IReadOnlyList<PresenceChange> Disconnected(string instance, Guid user)
    {
        lock (gate)
            return Change([user], _ => expiries.Remove((user, instance)));
    }

    /// <summary>
    /// <paramref name="instance"/>'s heartbeat: everyone connected to it now. It renews their entries and ends that
    /// instance's entries of anyone else (whose disconnection this instance may not have heard).
    /// </summary>
    public IReadOnlyList<PresenceChange> Heartbeat(string instance, IReadOnlyCollection<Guid> online, TimeSpan interval)
    {
        lock (gate)
        {
            var gone = expiries.Keys.Where(key => key.Instance == instance && !online.Contains(key.User)).Select(key => key.User).ToList();
            return Change([.. online, .. gone], now =>
            {
                foreach (var user in gone)
                    expiries.Remove((user, instance));
                foreach (var user in online)
                    expiries[(user, instance)] = now + interval * MissedBeats;
            });
        }
    }

    /// <summary>
    /// Notes <paramref name="instance"/>'s beat, and says whether it is new: never heard beating, or silent for
    /// <see cref="MissedBeats"/> beats (a process that started, or came back).
    /// </summary>
    public bool IsNewcomer(string instance, TimeSpan interval)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var known = instances.TryGetValue(instance, out var silentAt) && silentAt >= now;
            instances[instance] = now + interval * MissedBeats;
            return !known;
        }
    }

    /// <summary>Ends the entries whose instance has gone silent for <see cref="MissedBeats"/> beats.</summary>
    public IReadOnlyList<PresenceChange> Expire()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            foreach (var silent in instances.Where(entry => entry.Value < now).Select(entry => entry.Key).ToList())
                instances.Remove(silent);
            var expired = expiries.Where(entry => entry.Value < now).Select(entry => entry.Key).ToList();
            return Change([.. expired.Select(key => key.User)], _ =>
            {
                foreach (var key in expired)
                    expiries.Remove(key);
            });
        }
    }

    /// <summary>Applies a change (under the lock) and returns the users whose state it turned.</summary>
    private List<PresenceChange> Change(IReadOnlyCollection<Guid> users, Action<DateTimeOffset> change)
    {
        var now = clock.GetUtcNow();
        var before = users.Distinct().ToDictionary(user => user, user => OnlineNow(user));
        change(now);
        return [.. before.Where(user => OnlineNow(user.Key) != user.Value).Select(user => new PresenceChange(user.Key, !user.Value))];
    }

    // An entry counts until Expire ends it, so that the change is seen, and pushed, exactly once.
    private bool OnlineNow(Guid user) => expiries.Keys.Any(key => key.User == user);
}
