namespace Platform.Analytics.Application.CountingEvents;

/// <summary>
/// The live counter holds this while it counts a batch; a replay holds it to copy the live view and to swap its shadow
/// in, so that neither ever sees the other half-way.
/// </summary>
public sealed class CountingGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                gate.Release();
        }
    }
}
