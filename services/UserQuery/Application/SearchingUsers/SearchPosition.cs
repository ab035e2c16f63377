using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Platform.UserQuery.Application.SearchingUsers;

/// <summary>Where a page of search results ends: a user's registration time and id, as an opaque cursor.</summary>
public sealed record SearchPosition(DateTimeOffset CreatedAt, Guid Id)
{
    public static SearchPosition Of(UserProfile profile) => new(profile.CreatedAt, profile.Id);

    public string ToCursor() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{Id:N}"));

    public static bool TryParse(string? cursor, out SearchPosition? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor))
            return true;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id))
            {
                position = new SearchPosition(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
