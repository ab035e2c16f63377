using Microsoft.AspNetCore.SignalR;
using Platform.Chat.Application.PostingMessage;
using Platform.Chat.Domain;
using Platform.EventStore.UnitOfWork;

namespace Platform.Chat.Api.Live;

/// <summary>
/// The chat's refusals as hub errors, each starting with the rule's name (as problem+json's <c>rule</c>), so a client
/// can tell them apart (SignalR puts its own words first: "… HubException: members-only: …"). A refusal is not the
/// server's failure and is not logged as one; anything else stays SignalR's generic error, logged here with its detail
/// (SignalR's own error log of every failed call is silenced in the service's settings).
/// </summary>
public sealed class ChatHubErrors(ILogger<ChatHubErrors> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocation);
        }
        catch (ChatRuleBrokenException broken)
        {
            throw new HubException($"{broken.Rule}: {broken.Message}");
        }
        catch (PostingTooFastException tooFast)
        {
            throw new HubException($"too-many-messages: {tooFast.Message}");
        }
        catch (StreamNotFoundException missing)
        {
            throw new HubException($"{ChatRule.RoomExists}: {missing.Message}");
        }
        catch (ConcurrentChangeException concurrent)
        {
            throw new HubException($"concurrent-change: {concurrent.Message}"); // a resend with the same id is safe
        }
        catch (Exception failure) when (failure is not HubException and not OperationCanceledException)
        {
            logger.LogError(failure, "The hub's {Method} failed", invocation.HubMethodName);
            throw;
        }
    }
}
