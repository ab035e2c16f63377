using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Platform.ServiceDefaults;

namespace Platform.EventStore.UnitOfWork;

/// <summary>The unit of work's and time travel's refusals as problem+json, the same in every event-sourced service.</summary>
public sealed class StreamProblemHandler(IProblemDetailsService problems) : ProblemMappingHandler(problems)
{
    protected override ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        StreamNotFoundException e => Problem(StatusCodes.Status404NotFound, $"{e.Kind} not found", e.Message),
        NotAtThatPointException e => Problem(StatusCodes.Status404NotFound, $"{e.Kind} not found at that point", e.Message),
        StaleVersionException => Problem(StatusCodes.Status412PreconditionFailed, "Stale version", exception.Message),
        ConcurrentChangeException => Problem(StatusCodes.Status409Conflict, "Concurrent change", exception.Message),
        _ => null,
    };
}
