namespace Platform.Chat.Application.Presence;

/// <summary>The connections open on this instance, by user: what its heartbeat announces, and whom a left room's pushes must stop reaching.</summary>
public sealed class LocalConnections
{
    private readonly Dictionary<Guid, HashSet<string>> byUser = [];
    private readonly Lock gate = new();

    /// <summary>Whether this is the user's first connection here.</summary>
    public bool Add(Guid user, string connection)
    {
        lock (gate)
        {
            if (!byUser.TryGetValue(user, out var connections))
                byUser[user] = connections = [];
            connections.Add(connection);
            return connections.Count == 1;
        }
    }

    /// <summary>Whether this was the user's last connection here.</summary>
    public bool Remove(Guid user, string connection)
    {
        lock (gate)
        {
            if (!byUser.TryGetValue(user, out var connections) || !connections.Remove(connection))
                return false;
            if (connections.Count > 0)
                return false;
            byUser.Remove(user);
            return true;
        }
    }

    public IReadOnlyList<string> Of(Guid user)
    {
        lock (gate)
            return byUser.TryGetValue(user, out var connections) ? [.. connections] : [];
    }

    public IReadOnlyCollection<Guid> Users
    {
        get
        {
            lock (gate)
                return [.. byUser.Keys];
        }
    }
}
