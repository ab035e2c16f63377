namespace Platform.Chat.Application.Live;

/// <summary>
/// This instance: its name, as the hub tells a client which instance serves it (chat, chat-2), and its key, unique to
/// this process, which names its own endpoint on the bus and its entries in every instance's presence table. Two
/// replicas that share a name (one Kubernetes Deployment) must still each hear every update and keep their own users.
/// </summary>
public sealed record ChatInstance(string Name)
{
    public string Key { get; } = $"{Name}-{Guid.NewGuid().ToString("N")[..8]}";
}
