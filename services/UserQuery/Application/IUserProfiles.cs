using Platform.Contracts.Users.V1;
using Platform.UserQuery.Application.SearchingUsers;
using Platform.UserQuery.Application.CountingUsers;

namespace Platform.UserQuery.Application;

/// <summary>
/// Port to the profile read model. Every write is idempotent and keyed on the stream version, so a redelivered
/// or reordered event leaves the model as it would be had each event arrived once, in order.
/// </summary>
public interface IUserProfiles
{
    /// <summary>False when the profile already existed (a redelivery): nothing was changed.</summary>
    Task<bool> AddAsync(UserRegistered registered, CancellationToken cancellationToken);

    Task<ProjectionOutcome> ApplyAsync(UserEmailChanged changed, CancellationToken cancellationToken);

    /// <summary>Forgets the profile's name and email; its id and times stay, so the registrations per day stay right.</summary>
    Task<ProjectionOutcome> EraseAsync(UserErased erased, CancellationToken cancellationToken);

    /// <summary>The profile; null for one that does not exist or was erased.</summary>
    Task<UserProfile?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserProfile>> SearchAsync(UserSearch search, CancellationToken cancellationToken);

    /// <summary>
    /// The users there are (erased ones left out), and the registrations per day over the last <paramref name="days"/>
    /// days (today included; a registration happened even if its user was erased later).
    /// </summary>
    Task<GlobalStatistics> StatisticsAsync(int days, CancellationToken cancellationToken);
}

public enum ProjectionOutcome
{
    Applied,

    /// <summary>The profile already reflects this version or a later one.</summary>
    AlreadyApplied,

    /// <summary>The registration has not arrived yet; retrying later will apply the change.</summary>
    ProfileNotYetKnown,
}
