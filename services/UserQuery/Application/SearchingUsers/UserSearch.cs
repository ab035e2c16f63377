namespace Platform.UserQuery.Application.SearchingUsers;

/// <summary>
/// A case-insensitive substring search over names (and emails, for an admin: <see cref="InEmails"/>), in
/// registration order, paged. Deep pages go by <see cref="After"/> (keyset: the position of the previous page's last
/// user), which costs the same at any depth; <see cref="Offset"/> still works for shallow pages and old clients.
/// </summary>
public sealed record UserSearch(string? Text, int Limit, int Offset, SearchPosition? After = null, bool InEmails = false)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
}
