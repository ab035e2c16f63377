namespace Platform.Contracts.Users.V1;

/// <summary>
/// The user was erased (ADR 0038): every context forgets the user's name and addresses and keeps only ids and times.
/// Ids only, so the message holds nothing to forget. <paramref name="Version"/> is the user stream's version of the erasure.
/// </summary>
public sealed record UserErased(Guid UserId, long Version, DateTimeOffset OccurredAt);
