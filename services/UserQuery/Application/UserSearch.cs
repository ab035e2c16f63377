namespace Platform.UserQuery.Application;

/// <summary>A case-insensitive substring search over name and email, paged.</summary>
public sealed record UserSearch(string? Text, int Limit, int Offset)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
}
