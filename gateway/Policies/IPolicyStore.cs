namespace Platform.Gateway.Policies;

/// <summary>Where policies are kept, every version: a version is written once, by the first change that claims it.</summary>
public interface IPolicyStore
{
    /// <summary>The newest stored version of each service's policy.</summary>
    Task<IReadOnlyList<VersionedPolicy>> LatestAsync(CancellationToken ct);

    /// <summary>Stores <paramref name="policy"/> as version <paramref name="version"/> and returns when; null when another change took that version first.</summary>
    Task<DateTimeOffset?> TryInsertAsync(string service, long version, ServicePolicy policy, CancellationToken ct);
}
