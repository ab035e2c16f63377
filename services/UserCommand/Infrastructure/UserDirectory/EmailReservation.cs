namespace Platform.UserCommand.Infrastructure.UserDirectory;

/// <summary>
/// An address held for one user in the directory, keyed by the normalized address itself, so two reservations of
/// one address cannot both commit, whichever shards their users are on (ADR 0041).
/// </summary>
public sealed class EmailReservation
{
    public string Id { get; set; } = "";

    public Guid UserId { get; set; }

    public ReservationState State { get; set; }

    public DateTimeOffset ReservedAt { get; set; }

    /// <summary>Until then a reservation still pending is a change in flight; after it, one whose user's stream does not claim the address is free.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

public enum ReservationState
{
    /// <summary>Reserved before the change is appended to the user's stream.</summary>
    Pending,

    /// <summary>The user's stream has the address.</summary>
    Confirmed,
}
