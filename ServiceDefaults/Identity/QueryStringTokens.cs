using System.Diagnostics;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// A browser cannot put a header on a WebSocket's opening request, so SignalR's clients send the token in the query
/// string, as <c>access_token</c>, there only. It is accepted on the hubs' paths alone, and never recorded: a span's
/// <c>url.query</c> carries it redacted (Aspire turns .NET's own query redaction off in a dev run), and the gateway
/// moves it into the Authorization header before it proxies the request.
/// </summary>
public static class QueryStringTokens
{
    public const string Parameter = "access_token";

    /// <summary>Where a token may come in the query string: the hubs' paths.</summary>
    public static readonly PathString HubsPath = new("/hubs");

    public const string Redacted = "Redacted";

    /// <summary>Takes the token from the query string on a hub's path, if the request has no other.</summary>
    public static Task FromHubQuery(MessageReceivedContext context)
    {
        if (string.IsNullOrEmpty(context.Token) && context.Request.Path.StartsWithSegments(HubsPath)
            && context.Request.Query.TryGetValue(Parameter, out var token) && !string.IsNullOrEmpty(token))
            context.Token = token;
        return Task.CompletedTask;
    }

    /// <summary>The request's span with any token in its query string redacted.</summary>
    public static void RedactFromSpan(Activity activity, HttpRequest request)
    {
        if (request.Query.ContainsKey(Parameter))
            activity.SetTag("url.query", Redact(request.QueryString.Value));
    }

    /// <summary>"?id=1&amp;access_token=abc" becomes "?id=1&amp;access_token=Redacted".</summary>
    public static string? Redact(string? query)
    {
        if (string.IsNullOrEmpty(query))
            return query;
        var parts = query.TrimStart('?').Split('&');
        for (var i = 0; i < parts.Length; i++)
            if (parts[i].Split('=', 2)[0].Equals(Parameter, StringComparison.OrdinalIgnoreCase))
                parts[i] = $"{Parameter}={Redacted}";
        return (query.StartsWith('?') ? "?" : "") + string.Join('&', parts);
    }
}
