namespace Platform.UserCommand.Domain;

/// <summary>
/// The user asked to be forgotten (or an admin did for them): the account is gone, and the personal data of every
/// earlier event of the stream is masked in place (<see cref="PersonalData.Erased"/>). The stream stays, so the
/// counts that rest on it stay right; only ids and times are left.
/// </summary>
public sealed record PersonalDataErased(Guid UserId, DateTimeOffset At);

/// <summary>What is left of a person's name and address once they are erased.</summary>
public static class PersonalData
{
    public const string Erased = "(erased)";
}
