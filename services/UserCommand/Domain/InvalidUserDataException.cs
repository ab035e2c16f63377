namespace Platform.UserCommand.Domain;

/// <summary>Input that breaks a rule of the user model; the message says which, so it can be shown to the caller.</summary>
public sealed class InvalidUserDataException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
