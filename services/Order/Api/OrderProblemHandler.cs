using Microsoft.AspNetCore.Mvc;
using Platform.ServiceDefaults;
using Platform.Ordering.Application;
using Platform.Ordering.Application.KnowingCustomers;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Api;

/// <summary>The order's own refusals as problem+json (a broken rule is a 422 that names it); a missing or stale stream is the unit of work's.</summary>
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
        NotTheCustomerException => Problem(StatusCodes.Status403Forbidden, "Another customer's", exception.Message),
        CustomerUnknownException => Problem(StatusCodes.Status422UnprocessableEntity, "Unknown customer", exception.Message),
        _ => null,
    };
}
