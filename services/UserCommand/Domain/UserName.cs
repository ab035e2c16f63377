namespace Platform.UserCommand.Domain;

/// <summary>A display name: trimmed, not empty, bounded so it fits every read model.</summary>
public sealed record UserName
{
    public const int MaxLength = 100;

    private UserName(string value) => Value = value;

    public string Value { get; }

    public static UserName Parse(string? raw)
    {
        var candidate = raw?.Trim();
        if (string.IsNullOrEmpty(candidate))
            throw new InvalidUserDataException("name", "Name is required.");
        if (candidate.Length > MaxLength)
            throw new InvalidUserDataException("name", $"Name must be at most {MaxLength} characters.");
        if (candidate.Any(char.IsControl))
            throw new InvalidUserDataException("name", "Name must not contain control characters.");
        return new UserName(candidate);
    }

    public override string ToString() => Value;
}
