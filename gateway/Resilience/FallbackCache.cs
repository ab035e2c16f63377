using Microsoft.Extensions.Caching.Memory;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Resilience;

/// <summary>
/// The circuit breaker's second fallback (ADR 0016): on a route whose metadata names a <c>FallbackCacheSeconds</c>, the
/// gateway keeps a copy of each successful GET answer (200, at most 64 KB) for that long, and while the service's
/// circuit is open it answers from that copy, saying so in <c>X-Fallback: cache</c> and <c>Age</c>. A GET it has no
/// copy of gets the 503. The copy is never served while the service answers. Copies are kept per caller (the token's
/// subject, or "anonymous"), so one user's full profile is never served to another; a request whose token the gateway
/// did not accept is neither kept nor served.
/// </summary>
public sealed class FallbackCache : IDisposable
{
    public const string RouteMetadata = "FallbackCacheSeconds";
    public const string Header = "X-Fallback";
    private const int MaxBodyBytes = 64 * 1024;
    private readonly MemoryCache answers = new(new MemoryCacheOptions { SizeLimit = 10_000 }); // entries, each of size 1
    private readonly TimeProvider clock;

    public FallbackCache(TimeProvider clock) => this.clock = clock;

    /// <summary>Starts copying the answer to a GET on a route that allows it; null otherwise.</summary>
    public Recording? Record(HttpContext context, RouteModel route) =>
        HttpMethods.IsGet(context.Request.Method)
        && (context.User.Identity?.IsAuthenticated == true || !context.Request.Headers.ContainsKey("Authorization"))
        && route.Config.Metadata?.GetValueOrDefault(RouteMetadata) is { } value && double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? new Recording(this, context, TimeSpan.FromSeconds(seconds))
            : null;

    public void Dispose() => answers.Dispose();

    private sealed record Answer(byte[] Body, string? ContentType, string? EntityTag, DateTimeOffset StoredAt);

    /// <summary>One request's answer as it is written to the client.</summary>
    public sealed class Recording(FallbackCache cache, HttpContext context, TimeSpan lifetime)
    {
        private readonly string key = $"{context.User.FindFirst("sub")?.Value ?? "anonymous"}|{context.Request.Path}{context.Request.QueryString}";
        private readonly Tee tee = Tee.Install(context.Response);

        /// <summary>Keeps the answer if the service <paramref name="answered"/> with a 200 small enough to keep.</summary>
        public void Complete(bool answered)
        {
            tee.Uninstall();
            if (answered && context.Response.StatusCode == StatusCodes.Status200OK && !tee.Overflowed && !context.Response.Headers.ContainsKey(Header))
                cache.answers.Set(key, new Answer(tee.Copy, context.Response.ContentType, context.Response.Headers.ETag, cache.clock.GetUtcNow()),
                    new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
        }

        /// <summary>Answers from the copy, if there is one; false leaves the response untouched.</summary>
        public async Task<bool> TryServeAsync()
        {
            if (!cache.answers.TryGetValue(key, out Answer? answer) || answer is null)
                return false;
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = answer.ContentType;
            if (!string.IsNullOrEmpty(answer.EntityTag))
                context.Response.Headers.ETag = answer.EntityTag;
            context.Response.Headers[Header] = "cache";
            context.Response.Headers.Age = ((long)(cache.clock.GetUtcNow() - answer.StoredAt).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
            return true;
        }
    }

    /// <summary>The response body, passed through to the client and copied up to <see cref="MaxBodyBytes"/>.</summary>
    private sealed class Tee(Stream client, HttpResponse response) : Stream
    {
        private readonly MemoryStream copy = new();

        public bool Overflowed { get; private set; }

        public byte[] Copy => copy.ToArray();

        public static Tee Install(HttpResponse response)
        {
            var tee = new Tee(response.Body, response);
            response.Body = tee;
            return tee;
        }

        public void Uninstall() => response.Body = client;

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await client.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            client.Write(buffer, offset, count);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => client.FlushAsync(cancellationToken);

        public override void Flush() => client.Flush();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (Overflowed || copy.Length + bytes.Length > MaxBodyBytes)
                Overflowed = true;
            else
                copy.Write(bytes);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
