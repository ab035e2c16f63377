using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Platform.EventStore.UnitOfWork;
using Platform.ServiceDefaults;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// A request whose user's shard cannot be reached gets 503 problem+json with <c>Retry-After</c>, naming the shard in
/// <see cref="PartialOutage.Header"/>: that shard's users wait for their server, everyone else is served (issue 22).
/// </summary>
public sealed class ShardOutageProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!IsUnreachable(exception) || http.RequestServices.GetService<IStreamSessions>() is not BucketSessions { Shards: { Count: > 0 } shards })
            return false;

        var named = string.Join(", ", shards);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[PartialOutage.Header] = named;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "This user's data is unavailable for a moment",
                Detail = $"The database server that keeps this user's data ({named}) cannot be reached; nothing was changed. "
                    + "Other users are served as usual. Try again shortly.",
            },
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
