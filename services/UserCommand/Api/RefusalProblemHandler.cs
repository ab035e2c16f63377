using Microsoft.AspNetCore.Mvc;
using Platform.ServiceDefaults;
using Platform.UserCommand.Application;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Api;

/// <summary>Turns every refusal (bad input, missing user, conflict, stale version) into a problem+json response.</summary>
public sealed class RefusalProblemHandler(IProblemDetailsService problems) : ProblemMappingHandler(problems)
{
    protected override ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        InvalidUserDataException invalid => new ValidationProblemDetails(
            new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid",
            Detail = invalid.Message,
        },
        UserNotFoundException => Problem(StatusCodes.Status404NotFound, "User not found", exception.Message),
        EmailAlreadyTakenException => Problem(StatusCodes.Status409Conflict, "Email already taken", exception.Message),
        ConcurrencyConflictException => Problem(StatusCodes.Status409Conflict, "Concurrent change", exception.Message),
        VersionMismatchException => Problem(StatusCodes.Status412PreconditionFailed, "Stale version", exception.Message),
        IdempotencyKeyReusedException => Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused", exception.Message),
        IdempotencyKeyTakenException => Problem(StatusCodes.Status409Conflict, "Concurrent registration", exception.Message),
        RegistrationRejectedException rejected => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Registration refused by a plugin",
            Detail = rejected.Refusal.Reason,
            Extensions = { ["plugin"] = rejected.Refusal.Plugin },
        },
        _ => null,
    };
}
