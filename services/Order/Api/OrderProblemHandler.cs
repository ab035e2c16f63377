using Microsoft.AspNetCore.Mvc;
using Platform.ServiceDefaults;
using Platform.Order.Application;
using Platform.Order.Domain;

namespace Platform.Order.Api;

/// <summary>Every refusal as problem+json: a broken rule is a 422 that names it.</summary>
public sealed class OrderProblemHandler(IProblemDetailsService problems) : ProblemMappingHandler(problems)
{
    protected override ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        OrderRuleBrokenException broken => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The order's rules refuse this",
            Detail = broken.Message,
            Extensions = { ["rule"] = broken.Rule },
        },
        CustomerUnknownException => Problem(StatusCodes.Status422UnprocessableEntity, "Unknown customer", exception.Message),
        OrderNotFoundException => Problem(StatusCodes.Status404NotFound, "Order not found", exception.Message),
        OrderConcurrencyConflictException => Problem(StatusCodes.Status409Conflict, "Concurrent change", exception.Message),
        OrderVersionMismatchException => Problem(StatusCodes.Status412PreconditionFailed, "Stale version", exception.Message),
        _ => null,
    };
}
