using Platform.Chat.Application.Live;

namespace Platform.Chat.Api.Live;

/// <summary>What the hub calls on its clients (the methods a page registers with <c>connection.on</c>).</summary>
public interface IChatClient
{
    /// <summary>An event of a room the client joined, with its version: apply each version once, in order.</summary>
    Task Update(RoomUpdate update);

    Task Typing(Guid roomId, Guid userId);

    /// <summary>A member's positions moved: who has the messages up to <paramref name="delivered"/>, who read up to <paramref name="read"/>.</summary>
    Task Receipts(Guid roomId, Guid userId, long delivered, long read);

    Task Presence(Guid userId, bool online);
}

/// <summary>The groups the hub's connections are in: a room's (its updates, typing, receipts), a user's presence.</summary>
public static class LiveGroups
{
    public static string Room(Guid roomId) => $"room:{roomId:N}";

    public static string Presence(Guid userId) => $"presence:{userId:N}";
}
