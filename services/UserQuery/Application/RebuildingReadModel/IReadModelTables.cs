namespace Platform.UserQuery.Application.RebuildingReadModel;

/// <summary>The read model's tables, as a rebuild sees them: a fresh shadow to fill, and a swap into the live place.</summary>
public interface IReadModelTables
{
    /// <summary>Creates an empty shadow of the live table and returns a writer for it.</summary>
    Task<IUserProfiles> CreateShadowAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Holds off the live table's writers, runs <paramref name="catchUp"/> (the last events, into the shadow), then
    /// makes the shadow the live table in the same transaction; the old one is kept as the previous table.
    /// </summary>
    Task SwapAsync(Func<CancellationToken, Task> catchUp, CancellationToken cancellationToken);
}
