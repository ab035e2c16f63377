namespace Platform.Ordering.Domain;

/// <summary>
/// A user as the order context sees one: who may order, and where to write. Not the user context's User: fed by
/// its events, holding only what ordering needs (ADR 0013).
/// </summary>
public sealed record Customer(Guid Id, string Name, string Email, long Version, bool MayOrder = true)
{
    /// <summary>What is left of an erased person's name and address (ADR 0038).</summary>
    public const string ErasedData = "(erased)";

    /// <summary>An erased user: kept as a tombstone that may not order, so that an older event redelivered cannot bring the name back.</summary>
    public static Customer Erased(Guid id, long version) => new(id, ErasedData, ErasedData, version, MayOrder: false);
}
