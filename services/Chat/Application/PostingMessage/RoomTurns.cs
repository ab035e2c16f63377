namespace Platform.Chat.Application.PostingMessage;

/// <summary>
/// Posts to one room take turns within this instance. Each appends at the room's next version, so posts racing
/// each other would lose to one another and be decided again. Here only the instances race one another. A room that
/// nobody waits for holds nothing.
/// </summary>
public sealed class RoomTurns
{
    private readonly Dictionary<Guid, (SemaphoreSlim Gate, int Users)> rooms = [];
    private readonly Lock gate = new();

    /// <summary>Waits for the room's turn; disposing the answer passes the turn on.</summary>
    public async Task<IDisposable> TakeAsync(Guid roomId, CancellationToken ct)
    {
        SemaphoreSlim turn;
        lock (gate)
        {
            var (semaphore, users) = rooms.TryGetValue(roomId, out var entry) ? entry : (new SemaphoreSlim(1, 1), 0);
            rooms[roomId] = (semaphore, users + 1);
            turn = semaphore;
        }
        try
        {
            await turn.WaitAsync(ct);
        }
        catch
        {
            Leave(roomId);
            throw;
        }
        return new Turn(this, roomId, turn);
    }

    private void Leave(Guid roomId)
    {
        lock (gate)
        {
            var (semaphore, users) = rooms[roomId];
            if (users == 1)
                rooms.Remove(roomId);
            else
                rooms[roomId] = (semaphore, users - 1);
        }
    }

    private sealed class Turn(RoomTurns turns, Guid roomId, SemaphoreSlim semaphore) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1)
                return;
            semaphore.Release();
            turns.Leave(roomId);
        }
    }
}
