using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Platform.EventStore.Sharding;
using Platform.EventStore.UnitOfWork;
using Platform.ServiceDefaults;
using Platform.UserCommand.Infrastructure.Sharding.Moving;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// A request whose user's data cannot be written for a moment gets 503 problem+json with <c>Retry-After</c>, naming the
/// part in <see cref="PartialOutage.Header"/>, which the gateway's circuit does not count (ADR 0042): that shard's or
/// bucket's users wait, everyone else is served (issue 22). Two causes: the user's shard cannot be reached, or the
/// user's bucket stayed frozen by its move (ADR 0043) longer than a write waits; either way nothing was written.
/// </summary>
public sealed class ShardOutageProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryAfterMove = TimeSpan.FromSeconds(1);

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is BucketMovingException moving)
            return await WriteAsync(http, exception, moving.Bucket, RetryAfterMove,
                "This user's data is moving to another server", moving.Message + " Try again in a second.");
        var named = http.RequestServices.GetService<BucketSessions>() is { Shards: { Count: > 0 } shards } ? string.Join(", ", shards) : null;
        var moved = BucketFence.IsMoved(exception);
        if (moved)
            await http.RequestServices.GetRequiredService<StalePlacement>().RereadAsync(); // so the retry goes where the bucket is now
        if (moved || BucketFence.IsFrozen(exception)) // the shard's own freeze (ADR 0045)
            return await WriteAsync(http, exception, named ?? "a moving bucket", RetryAfterMove, "This user's data is moving to another server",
                "The user's bucket is being moved to another shard; the write was not made. Try again in a second.");
        if (!IsUnreachable(exception) || named is null)
            return false;
        return await WriteAsync(http, exception, named, RetryAfter, "This user's data is unavailable for a moment",
            $"The database server that keeps this user's data ({named}) cannot be reached; nothing was changed. "
            + "Other users are served as usual. Try again shortly.");
    }

    private async ValueTask<bool> WriteAsync(HttpContext http, Exception exception, string part, TimeSpan retryAfter, string title, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[PartialOutage.Header] = part;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail },
        });
    }

    /// <summary>A server that cannot be reached, as Npgsql reports it, however Marten wraps it.</summary>
    private static bool IsUnreachable(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } or SocketException or TimeoutException => true,
        AggregateException several => several.InnerExceptions.Any(IsUnreachable),
        { InnerException: { } inner } => IsUnreachable(inner),
        _ => false,
    };
}
