using Platform.ServiceDefaults.Identity;

namespace Platform.Hosting.Tests.Telemetry;

/// <summary>A token that came in the query string (a browser's WebSocket to a hub) never reaches a span as it came.</summary>
public sealed class QueryStringTokensTests
{
    [Theory]
    [InlineData("?access_token=eyJ.abc.def", "?access_token=Redacted")]
    [InlineData("?id=abc&access_token=eyJ.abc.def&x=1", "?id=abc&access_token=Redacted&x=1")]
    [InlineData("?Access_Token=eyJ.abc.def", "?access_token=Redacted")]
    [InlineData("?id=abc", "?id=abc")]
    [InlineData("", "")]
    public void The_token_is_redacted_and_the_rest_kept(string query, string recorded) =>
        Assert.Equal(recorded, QueryStringTokens.Redact(query));
}
