using Platform.UserCommand.Application;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Tests.Application;

/// <summary>
/// A test double of the port with the same contract as the Marten adapter: streams by id, expected-version
/// checks and unique emails. <see cref="InterleaveBeforeNextAppend"/> simulates a write that lands between
/// a handler's read and its append.
/// </summary>
public sealed class InMemoryUserRepository : IUserRepository
{
    private readonly Dictionary<Guid, List<object>> streams = [];

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

    public Task StartAsync(UserCreated created, CancellationToken cancellationToken)
    {
        ClaimEmail(created.UserId, created.Email);
        streams.Add(created.UserId, [created]);
        return Task.CompletedTask;
    }

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
