using Microsoft.AspNetCore.Mvc;
using Platform.Chat.Domain;
using Platform.ServiceDefaults;

namespace Platform.Chat.Api;

/// <summary>
/// The chat's refusals as problem+json, each naming its rule: no such room or message is a 404, another's room or
/// message a 403, any other broken rule a 422. A missing stream or a lost race is the unit of work's (404, 409).
/// </summary>
public sealed class ChatProblemHandler(IProblemDetailsService problems) : ProblemMappingHandler(problems)
{
    protected override ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        ChatRuleBrokenException broken => new ProblemDetails
        {
            Status = broken.Rule switch
            {
                ChatRule.RoomExists or ChatRule.MessageIsInTheRoom => StatusCodes.Status404NotFound,
                ChatRule.MembersOnly or ChatRule.OwnMessagesOnly => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status422UnprocessableEntity,
            },
            Title = "The chat's rules refuse this",
            Detail = broken.Message,
            Extensions = { ["rule"] = broken.Rule },
        },
        NotAUserException => Problem(StatusCodes.Status403Forbidden, "Chat is for users", exception.Message),
        _ => null,
    };
}

/// <summary>The caller's token names a client, not a user: nobody to chat as.</summary>
public sealed class NotAUserException() : Exception("The chat needs a signed-in user; this token names a client.");
