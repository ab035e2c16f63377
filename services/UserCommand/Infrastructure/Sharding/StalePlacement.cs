using Marten;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// A write refused by a bucket's fence (ADR 0045) means this process's placement is older than the directory's: another
/// process moved the bucket. Rereading the directory (every assignment, one query) lets the retry go to the new shard;
/// refusals that arrive together share one reread.
/// </summary>
public sealed class StalePlacement(IDocumentStore store, ILogger<StalePlacement> logger)
{
    private readonly SemaphoreSlim one = new(1, 1);

    public async Task RereadAsync()
    {
        if (!await one.WaitAsync(TimeSpan.Zero))
            return; // a reread is under way: it reads what this one would
        try
        {
            await store.Storage.AllDatabases();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Rereading the buckets' places after a refused write failed; the next refusal tries again");
        }
        finally
        {
            one.Release();
        }
    }
}
