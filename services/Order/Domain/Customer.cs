namespace Platform.Ordering.Domain;

/// <summary>
/// A user as the order context sees one: who may order, and where to write. Not the user context's User: fed by
/// its events, holding only what ordering needs (ADR 0013).
/// </summary>
public sealed record Customer(Guid Id, string Name, string Email, long Version, bool MayOrder = true);
