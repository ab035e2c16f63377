using Platform.UserCommand.Application;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Tests.Application;

/// <summary>
/// A test double of the port with the same contract as the Marten adapter: streams by id, expected-version
/// checks, unique emails and unique idempotency keys, both stored with the stream. <see cref="InterleaveBeforeNextAppend"/>
/// simulates a write that lands between a handler's read and its append; <see cref="InterleaveBeforeNextStart"/> one
/// between a registration's check of its key and its start.
/// </summary>
public sealed class InMemoryUserRepository : IUserRepository, IIdempotentRegistrations
{
    private readonly Dictionary<Guid, List<object>> streams = [];
    private readonly Dictionary<string, IdempotentRegistration> keys = [];

    public Action? InterleaveBeforeNextStart { get; set; }

    public Action? InterleaveBeforeNextAppend { get; set; }

    public int StreamCount => streams.Count;

    public IReadOnlyList<object> EventsOf(Guid userId) => streams.GetValueOrDefault(userId) ?? [];

    public Task<User?> LoadAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!streams.TryGetValue(userId, out var events))
            return Task.FromResult<User?>(null);
        var user = User.Create((UserCreated)events[0]);
        foreach (var updated in events.Skip(1).Cast<EmailUpdated>())
            user.Apply(updated);
        return Task.FromResult<User?>(user);
    }

    public Task StartAsync(UserCreated created, IdempotentRegistration? key, CancellationToken cancellationToken)
    {
        var interleaved = InterleaveBeforeNextStart;
        InterleaveBeforeNextStart = null;
        interleaved?.Invoke();

        ClaimEmail(created.UserId, created.Email);
        if (key is not null && !keys.TryAdd(key.Key, key))
            throw new IdempotencyKeyTakenException(new InvalidOperationException("duplicate key"));
        streams.Add(created.UserId, [created]);
        return Task.CompletedTask;
    }

    public Task<IdempotentRegistration?> FindAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(keys.GetValueOrDefault(key));

    public Task<long> AppendAsync(Guid userId, long expectedVersion, object @event, CancellationToken cancellationToken)
    {
        var interleaved = InterleaveBeforeNextAppend;
        InterleaveBeforeNextAppend = null;
        interleaved?.Invoke();

        var stream = streams[userId];
        if (stream.Count != expectedVersion)
            throw new ConcurrencyConflictException(userId);
        if (@event is EmailUpdated updated)
            ClaimEmail(userId, updated.NewEmail);
        stream.Add(@event);
        return Task.FromResult((long)stream.Count);
    }

    private void ClaimEmail(Guid userId, string email)
    {
        var owner = streams.Keys.FirstOrDefault(id => id != userId && CurrentEmail(id) == email);
        if (owner != Guid.Empty)
            throw new EmailAlreadyTakenException();
    }

    private string CurrentEmail(Guid userId) =>
        streams[userId].Last() switch
        {
            EmailUpdated updated => updated.NewEmail,
            UserCreated created => created.Email,
            var other => throw new InvalidOperationException($"Unexpected event {other}"),
        };
}
