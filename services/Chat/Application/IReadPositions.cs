using Platform.Chat.Domain;

namespace Platform.Chat.Application;

/// <summary>The members' positions in the rooms, kept beside the streams (ADR 0050).</summary>
public interface IReadPositions
{
    Task<ReadPosition?> FindAsync(Guid roomId, Guid userId, CancellationToken ct);

    /// <summary>Moves a member's positions forward to <paramref name="position"/>'s where they are behind, never back; the result.</summary>
    Task<ReadPosition> AdvanceAsync(ReadPosition position, CancellationToken ct);

    Task<IReadOnlyList<ReadPosition>> OfRoomAsync(Guid roomId, CancellationToken ct);

    /// <summary>One member's positions in every room they have reported in.</summary>
    Task<IReadOnlyList<ReadPosition>> OfMemberAsync(Guid userId, CancellationToken ct);
}
