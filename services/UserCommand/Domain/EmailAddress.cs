namespace Platform.UserCommand.Domain;

/// <summary>A syntactically valid email address, kept trimmed and lower-case so that uniqueness ignores case.</summary>
public sealed record EmailAddress
{
    public const int MaxLength = 254;

    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    public static EmailAddress Parse(string? raw)
    {
        var candidate = raw?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(candidate))
            throw new InvalidUserDataException("email", "Email is required.");
        if (candidate.Length > MaxLength)
            throw new InvalidUserDataException("email", $"Email must be at most {MaxLength} characters.");
        if (!HasMailboxShape(candidate))
            throw new InvalidUserDataException("email", $"'{candidate}' is not a valid email address.");
        return new EmailAddress(candidate);
    }

    public override string ToString() => Value;

    // One '@', a non-empty local part, a dotted domain, no white space or control characters: strict enough to catch typos,
    // loose enough not to reject real addresses. Deliverability is the email service's concern.
    private static bool HasMailboxShape(string value)
    {
        var at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@') || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return false;
        var domain = value[(at + 1)..];
        var dot = domain.IndexOf('.');
        return dot > 0 && dot < domain.Length - 1 && !domain.Contains("..");
    }
}
