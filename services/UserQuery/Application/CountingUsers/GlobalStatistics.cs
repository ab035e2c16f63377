namespace Platform.UserQuery.Application.CountingUsers;

/// <summary>Every user's statistics: GET /api/users/stats. Days are UTC calendar days, newest first.</summary>
public sealed record GlobalStatistics(long TotalUsers, IReadOnlyList<RegistrationsOnDay> RegistrationsPerDay)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;
}

public sealed record RegistrationsOnDay(DateOnly Day, long Registrations);
