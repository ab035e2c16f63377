using System.Collections.Concurrent;

namespace Platform.Ordering.Infrastructure.Erasure;

/// <summary>
/// The customers whose orders an erasure is masking now. <see cref="Domain.OrderSubmitted"/> has one masking rule, which
/// the card numbers' masking applies to every older submission (ADR 0035): it erases the customer's name and address
/// only for these, and masks the card for all.
/// </summary>
public sealed class CustomersBeingErased
{
    private readonly ConcurrentDictionary<Guid, int> erasing = new();

    public bool Includes(Guid userId) => erasing.ContainsKey(userId);

    public IDisposable Begin(Guid userId)
    {
        erasing.AddOrUpdate(userId, 1, (_, count) => count + 1);
        return new End(() =>
        {
            if (erasing.AddOrUpdate(userId, 0, (_, count) => count - 1) <= 0)
                erasing.TryRemove(new KeyValuePair<Guid, int>(userId, 0));
        });
    }

    private sealed class End(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
