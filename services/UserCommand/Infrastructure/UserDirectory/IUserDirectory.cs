using Marten;

namespace Platform.UserCommand.Infrastructure.UserDirectory;

/// <summary>
/// The users' directory (ADR 0040): what must be unique, or found, whatever shard a user's streams are on, in
/// user-command's own database on the main PostgreSQL server: the email reservations, the accounts' credentials and
/// the registrations' idempotency keys. A Marten store of its own, beside the sharded event store.
/// </summary>
public interface IUserDirectory : IDocumentStore;

/// <summary>A request's one session on the directory: what a use case enlists in it commits with the next save.</summary>
public sealed class DirectorySession(IUserDirectory directory) : IAsyncDisposable
{
    private IDocumentSession? session;

    public IDocumentSession Session => session ??= directory.LightweightSession();

    public ValueTask DisposeAsync() => session?.DisposeAsync() ?? ValueTask.CompletedTask;
}
