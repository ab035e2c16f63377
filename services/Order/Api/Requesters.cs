using System.Security.Claims;
using Platform.Ordering.Application;
using Platform.ServiceDefaults.Identity;

namespace Platform.Ordering.Api;

public static class Requesters
{
    /// <summary>The checked token's caller as the order rules see it.</summary>
    public static Requester AsRequester(this ClaimsPrincipal caller) => new(caller.UserId(), caller.IsAdmin());
}
