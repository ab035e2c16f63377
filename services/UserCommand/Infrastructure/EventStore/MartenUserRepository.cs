using JasperFx;
using Marten;
using Platform.EventStore;
using Platform.UserCommand.Application;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Infrastructure.EventStore;

/// <summary>
/// User streams in Marten. The email index (and a registration's idempotency key) is written in the same transaction
/// as the events, so a taken email or key fails the whole append; its concurrency and uniqueness failures are translated into the application's terms.
/// </summary>
public sealed class MartenUserRepository(IDocumentSession session) : IUserRepository
{
    public Task<User?> LoadAsync(Guid userId, CancellationToken cancellationToken) =>
        session.Events.FetchLatest<User>(userId, cancellationToken).AsTask();

    public async Task StartAsync(UserCreated created, IdempotentRegistration? key, CancellationToken cancellationToken)
    {
        session.RecordTraceContext();
        session.Events.StartStream<User>(created.UserId, created);
        if (key is not null)
            session.Insert(IdempotencyKeyDocument.From(key));
        await SaveAsync(created.UserId, cancellationToken);
    }

    public async Task<long> AppendAsync(Guid userId, long expectedVersion, object @event, CancellationToken cancellationToken)
    {
        // Marten's expected version is the stream's version once this event is in.
        var newVersion = expectedVersion + 1;
        session.RecordTraceContext();
        session.Events.Append(userId, newVersion, @event);
        await SaveAsync(userId, cancellationToken);
        return newVersion;
    }

    private async Task SaveAsync(Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (DocumentAlreadyExistsException taken) when (taken.DocumentType == typeof(UserEmailIndex))
        {
            throw new EmailAlreadyTakenException(taken);
        }
        catch (DocumentAlreadyExistsException taken) when (taken.DocumentType == typeof(IdempotencyKeyDocument))
        {
            throw new IdempotencyKeyTakenException(taken);
        }
        catch (ConcurrencyException conflict)
        {
            throw new ConcurrencyConflictException(userId, conflict);
        }
    }
}
