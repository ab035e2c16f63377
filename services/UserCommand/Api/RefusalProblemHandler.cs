using Microsoft.AspNetCore.Mvc;
using Platform.ServiceDefaults;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.ActivatingAccount;
using Platform.UserCommand.Application.ChangingEmail;
using Platform.UserCommand.Application.RebalancingShards;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Api;

/// <summary>The user's own refusals (bad input, a taken email or key, a plugin's refusal) as problem+json; a missing or stale user is the unit of work's.</summary>
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
        EmailAlreadyTakenException => Problem(StatusCodes.Status409Conflict, "Email already taken", exception.Message),
        ActivationCodeInvalidException => Problem(StatusCodes.Status422UnprocessableEntity, "Activation code not valid", exception.Message),
        EmailChangeCodeInvalidException => Problem(StatusCodes.Status422UnprocessableEntity, "Confirmation code not valid", exception.Message),
        AccountChangedMeanwhileException => Problem(StatusCodes.Status409Conflict, "Account changed meanwhile", exception.Message),
        IdempotencyKeyReusedException => Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused", exception.Message),
        IdempotencyKeyTakenException => Problem(StatusCodes.Status409Conflict, "Concurrent registration", exception.Message),
        RegistrationInProgressException => Problem(StatusCodes.Status409Conflict, "Registration in progress", exception.Message),
        RebalanceRefusedException refused => Problem(refused.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict, refused.Title, refused.Message),
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
