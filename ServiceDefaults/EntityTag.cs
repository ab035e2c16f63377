using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>Stream versions as strong ETags, for every event-sourced resource: version 3 is <c>"3"</c>.</summary>
public static class EntityTag
{
    public static string For(long version) => $"\"{version}\"";

    /// <summary>
    /// Reads If-Match as the expected version; null when absent or "*" (any version of an existing resource).
    /// A weak tag (W/"3") is accepted; anything else is a 400.
    /// </summary>
    public static long? ParseVersion(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
            return null;
        var tag = ifMatch.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal))
            tag = tag[2..];
        tag = tag.Trim('"');
        return long.TryParse(tag, System.Globalization.NumberStyles.None, null, out var version) && version > 0
            ? version
            : throw new BadHttpRequestException($"If-Match must be a version such as \"3\", not {ifMatch}.");
    }
}
