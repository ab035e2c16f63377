using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Platform.Gateway.Resilience;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Tests.Resilience;

/// <summary>The circuit's fallback copy: kept from a service's good answers on routes that allow it, served only when asked to.</summary>
public sealed class FallbackCacheTests : IDisposable
{
    private static readonly RouteModel Cached = Routes.Route("user-reads", "user-query", new Dictionary<string, string> { [FallbackCache.RouteMetadata] = "30" });
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly FallbackCache cache;

    public FallbackCacheTests() => cache = new FallbackCache(clock);

    public void Dispose() => cache.Dispose();

    [Fact]
    public async Task A_good_answer_is_served_again_with_its_age_and_marked_as_the_fallback()
    {
        await AnswerAsync("/api/users/1", 200, """{"email":"ada@example.com"}""", etag: "\"3\"");
        clock.Advance(TimeSpan.FromSeconds(7));

        var (served, context) = await ServeAsync("/api/users/1");

        Assert.True(served);
        Assert.Equal("""{"email":"ada@example.com"}""", Body(context));
        Assert.Equal((200, "cache", "7", "\"3\"", "application/json"),
            (context.Response.StatusCode, context.Response.Headers[FallbackCache.Header].ToString(), context.Response.Headers.Age.ToString(),
             context.Response.Headers.ETag.ToString(), context.Response.ContentType));
    }

    [Fact]
    public async Task The_query_string_is_part_of_the_copy_s_key()
    {
        await AnswerAsync("/api/users?search=ada", 200, "[1]");

        Assert.False((await ServeAsync("/api/users?search=grace")).Served);
        Assert.True((await ServeAsync("/api/users?search=ada")).Served);
    }

    [Theory]
    [InlineData(404, true)]
    [InlineData(500, true)]
    [InlineData(200, false)] // the service never answered: what the client got is not the service's answer
    public async Task Anything_but_a_service_s_200_is_not_kept(int status, bool answered)
    {
        await AnswerAsync("/api/users/2", status, "{}", answered: answered);

        Assert.False((await ServeAsync("/api/users/2")).Served);
    }

    [Fact]
    public async Task An_answer_over_64_KB_is_passed_through_whole_but_not_kept()
    {
        var large = new string('x', 64 * 1024 + 1);

        var client = await AnswerAsync("/api/users/3", 200, large);

        Assert.Equal(large.Length, Body(client).Length);
        Assert.False((await ServeAsync("/api/users/3")).Served);
    }

    [Fact]
    public async Task A_copy_is_served_only_to_the_caller_it_was_kept_for()
    {
        await AnswerAsync("/api/users/4", 200, """{"email":"ada@example.com"}""", subject: "ada");

        Assert.False((await ServeAsync("/api/users/4", subject: "grace")).Served);
        Assert.False((await ServeAsync("/api/users/4")).Served); // anonymous
        Assert.True((await ServeAsync("/api/users/4", subject: "ada")).Served);
    }

    [Fact]
    public void A_request_with_a_token_the_gateway_did_not_accept_is_not_recorded()
    {
        var context = Request("/api/users/5");
        context.Request.Headers.Authorization = "Bearer not-a-token";

        Assert.Null(cache.Record(context, Cached));
    }

    [Fact]
    public void Only_a_GET_on_a_route_that_names_a_lifetime_is_recorded()
    {
        Assert.Null(cache.Record(Routes.Request(Cached, "POST", "/api/users"), Cached));
        var uncached = Routes.Route("user-writes", "user-command");
        Assert.Null(cache.Record(Routes.Request(uncached, "GET", "/api/users/1"), uncached));
        Assert.NotNull(cache.Record(Routes.Request(Cached, "GET", "/api/users/1"), Cached));
    }

    /// <summary>A service's answer passing through the gateway: recorded as it is written to the client.</summary>
    private async Task<HttpContext> AnswerAsync(string pathAndQuery, int status, string body, string? etag = null, bool answered = true, string? subject = null)
    {
        var context = Request(pathAndQuery, subject);
        var recording = cache.Record(context, Cached)!;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (etag is not null)
            context.Response.Headers.ETag = etag;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        recording.Complete(answered);
        return context;
    }

    private async Task<(bool Served, HttpContext Context)> ServeAsync(string pathAndQuery, string? subject = null)
    {
        // As the resilience step does: the failed attempt's recording completes (keeping nothing), then the copy is served.
        var context = Request(pathAndQuery, subject);
        var recording = cache.Record(context, Cached)!;
        recording.Complete(answered: false);
        return (await recording.TryServeAsync(), context);
    }

    /// <param name="subject">The signed-in caller, as the gateway's authentication leaves it; none: anonymous.</param>
    private static HttpContext Request(string pathAndQuery, string? subject = null)
    {
        var parts = pathAndQuery.Split('?', 2);
        var context = Routes.Request(Cached, "GET", parts[0]);
        if (subject is not null)
        {
            context.Request.Headers.Authorization = "Bearer a-valid-token";
            context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", subject)], "Bearer"));
        }
        if (parts.Length == 2)
            context.Request.QueryString = new QueryString("?" + parts[1]);
        return context;
    }

    private static string Body(HttpContext context)
    {
        context.Response.Body.Flush();
        var stream = (MemoryStream)(context.Response.Body is MemoryStream direct ? direct : throw new InvalidOperationException("the tee is still installed"));
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
