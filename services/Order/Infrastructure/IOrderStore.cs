using Marten;
using Platform.EventStore.UnitOfWork;

namespace Platform.Ordering.Infrastructure;

/// <summary>
/// The orders' Marten store, a store of its own rather than the process's default: where the order module shares a
/// process with the users' (the monolith, ADR 0053), neither writes in the other's database by accident.
/// </summary>
public interface IOrderStore : IDocumentStore;

/// <summary>
/// A request's sessions on the orders' store (Marten registers none for a store of its own): one to write in, shared by
/// the unit of work and the documents a use case enlists (a customer, an erasure), so they commit together; one to read in.
/// </summary>
public sealed class OrderSessions(IOrderStore store) : IStreamSessions, IAsyncDisposable
{
    private IDocumentSession? session;
    private IQuerySession? query;

    public IDocumentSession Session => session ??= store.LightweightSession();

    public IQuerySession Query => query ??= store.QuerySession();

    public IDocumentSession For(Guid streamId) => Session;

    public ValueTask<IDocumentSession> ForWritingAsync(Guid streamId, CancellationToken ct) => ValueTask.FromResult(Session);

    public async ValueTask DisposeAsync()
    {
        if (session is not null)
            await session.DisposeAsync();
        if (query is not null)
            await query.DisposeAsync();
    }
}
