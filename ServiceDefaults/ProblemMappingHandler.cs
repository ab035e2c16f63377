using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ServiceDefaults;

/// <summary>
/// Turns the exceptions a service knows into problem+json: a subclass says which problem an exception is (or null
/// when it is not one of its own), and this writes it with its status. Unknown exceptions pass to the next handler.
/// </summary>
public abstract class ProblemMappingHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (ToProblem(exception) is not { Status: { } status } problem)
            return false;

        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    protected abstract ProblemDetails? ToProblem(Exception exception);

    protected static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}
