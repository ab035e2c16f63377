using Marten;

namespace Platform.EventStore.UnitOfWork;

/// <summary>
/// The session a stream is written and read in. A store on one database has one: the request's. A sharded store
/// (user-command's, ADR 0040) opens the session of the stream's bucket, on the shard the directory places it.
/// </summary>
public interface IStreamSessions
{
    /// <summary>The session to read the stream in.</summary>
    IDocumentSession For(Guid streamId);

    /// <summary>
    /// The session to write the stream in: a sharded store may hold the write back while the stream's bucket moves
    /// between shards, and opens it where the bucket is once the write may go on.
    /// </summary>
    ValueTask<IDocumentSession> ForWritingAsync(Guid streamId, CancellationToken ct);
}

/// <summary>Every stream in the request's one session: what a store on one database does.</summary>
public sealed class RequestSession(IDocumentSession session) : IStreamSessions
{
    public IDocumentSession For(Guid streamId) => session;

    public ValueTask<IDocumentSession> ForWritingAsync(Guid streamId, CancellationToken ct) => ValueTask.FromResult(session);
}
