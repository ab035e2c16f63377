using Marten;
using Platform.EndToEndTests.Infrastructure;
using Platform.EventStore.UnitOfWork;

namespace Platform.EndToEndTests.Orders;

/// <summary>
/// Writers of one stream at once, on Marten and PostgreSQL (ADR 0057): racing, all but one lose and would be retried;
/// in turn (<see cref="IEventSourcedUnitOfWork{TState}.ChangeInTurnAsync"/>), each waits for the one before it and
/// every write lands, in one version each. This is what the order workflow's journal does with its reports.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WritersInTurnTests(PlatformFixture platform)
{
    private const int Writers = 8;

    [Fact]
    public async Task Writers_racing_on_one_stream_lose_and_writers_in_turn_all_land()
    {
        await using var database = await ScratchDatabase.CreateAsync((await platform.App.GetConnectionStringAsync("order-db"))!, "in_turn");
        await using var store = DocumentStore.For(options =>
        {
            options.Connection(database.ConnectionString);
            options.UseSystemTextJsonForSerialization();
        });
        var stream = Guid.NewGuid();
        await WriteAsync(store, unitOfWork => unitOfWork.StartAsync(stream, [new Counted(0)], CancellationToken.None));

        // Racing: every writer has read the stream before any commits, so all but one lose.
        var read = 0;
        var allRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = await Task.WhenAll(Enumerable.Range(1, Writers).Select(writer => OutcomeAsync(() => WriteAsync(store, unitOfWork =>
            unitOfWork.ChangeAsync(stream, null, null, async _ =>
            {
                if (Interlocked.Increment(ref read) == Writers)
                    allRead.SetResult();
                await allRead.Task.WaitAsync(TimeSpan.FromSeconds(30));
                return (IReadOnlyList<object>)[new Counted(writer)];
            }, CancellationToken.None)))));
        Assert.Equal(Writers - 1, racing.Count(outcome => outcome is ConcurrentChangeException));

        // In turn: each holds the stream a moment while the others wait for it; every write lands.
        var inTurn = await Task.WhenAll(Enumerable.Range(1, Writers).Select(writer => OutcomeAsync(() => WriteAsync(store, unitOfWork =>
            unitOfWork.ChangeInTurnAsync(stream, _ =>
            {
                Thread.Sleep(20); // long enough for the others to reach the stream meanwhile
                return [new Counted(writer)];
            }, CancellationToken.None)))));
        Assert.All(inTurn, Assert.Null);

        await using var session = store.LightweightSession();
        var events = await session.Events.FetchStreamAsync(stream);
        Assert.Equal(1 + 1 + Writers, events.Count);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(version => (long)version), events.Select(e => e.Version));
    }

    private static async Task<Exception?> OutcomeAsync(Func<Task> write)
    {
        try
        {
            await write();
            return null;
        }
        catch (Exception refused)
        {
            return refused;
        }
    }

    /// <summary>One writer: its own session, as each consumer of a message has.</summary>
    private static async Task WriteAsync(IDocumentStore store, Func<IEventSourcedUnitOfWork<Tally>, Task> write)
    {
        await using var session = store.LightweightSession();
        await write(new MartenUnitOfWork<Tally>(new RequestSession(session)));
    }

    public sealed record Counted(int Writer);

    public sealed class Tally
    {
        public Guid Id { get; set; }

        public int Count { get; set; }

        public void Apply(Counted _) => Count++;
    }
}
