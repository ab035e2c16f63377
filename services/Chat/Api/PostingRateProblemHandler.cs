using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Platform.Chat.Application.PostingMessage;

namespace Platform.Chat.Api;

/// <summary>A user over their posting allowance: 429 problem+json with <c>Retry-After</c>, as the gateway's limits answer.</summary>
public sealed class PostingRateProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not PostingTooFastException tooFast)
            return false;
        var seconds = Math.Max(1, (int)Math.Ceiling(tooFast.RetryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many messages", Detail = tooFast.Message },
        });
    }
}
