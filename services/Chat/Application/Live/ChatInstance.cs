namespace Platform.Chat.Application.Live;

/// <summary>This instance's name: its own endpoint on the bus, its entries in every instance's presence table, and what the hub tells a client serves it.</summary>
public sealed record ChatInstance(string Name);
