using Npgsql;
using Platform.Chat.Application;
using Platform.Chat.Domain;

namespace Platform.Chat.Infrastructure;

/// <summary>The members' positions in chat.member_positions: one row per member and room, moved forward by GREATEST.</summary>
public sealed class PostgresReadPositions(NpgsqlDataSource database) : IReadPositions
{
    private const string Columns = "room_id, user_id, delivered, read";

    public async Task<ReadPosition?> FindAsync(Guid roomId, Guid userId, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM chat.member_positions WHERE room_id = $1 AND user_id = $2");
        command.Parameters.Add(new() { Value = roomId });
        command.Parameters.Add(new() { Value = userId });
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    public async Task<ReadPosition> AdvanceAsync(ReadPosition position, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            INSERT INTO chat.member_positions ({Columns}) VALUES ($1, $2, $3, $4)
            ON CONFLICT (room_id, user_id) DO UPDATE SET
                delivered = GREATEST(member_positions.delivered, excluded.delivered),
                read = GREATEST(member_positions.read, excluded.read),
                updated_at = clock_timestamp()
            RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = position.RoomId });
        command.Parameters.Add(new() { Value = position.UserId });
        command.Parameters.Add(new() { Value = position.Delivered });
        command.Parameters.Add(new() { Value = position.Read });
        return (await ReadAsync(command, ct)).Single();
    }

    public async Task<IReadOnlyList<ReadPosition>> OfRoomAsync(Guid roomId, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM chat.member_positions WHERE room_id = $1");
        command.Parameters.Add(new() { Value = roomId });
        return await ReadAsync(command, ct);
    }

    public async Task<IReadOnlyList<ReadPosition>> OfMemberAsync(Guid userId, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM chat.member_positions WHERE user_id = $1");
        command.Parameters.Add(new() { Value = userId });
        return await ReadAsync(command, ct);
    }

    private static async Task<List<ReadPosition>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var positions = new List<ReadPosition>();
        while (await reader.ReadAsync(ct))
            positions.Add(new ReadPosition(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetInt64(3)));
        return positions;
    }
}
