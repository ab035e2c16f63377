using System.Security.Claims;

namespace Platform.ServiceDefaults.Identity;

/// <summary>Who called, as the checked token says: a user (its id is the subject) or a client, and whether an admin.</summary>
public static class Caller
{
    public static Guid? UserId(this ClaimsPrincipal caller) =>
        Guid.TryParse(caller.FindFirst(BearerTokenExtensions.SubjectClaim)?.Value, out var id) ? id : null;

    public static bool IsAdmin(this ClaimsPrincipal caller) => caller.IsInRole(AuthorizationPolicies.Admin);

    /// <summary>The user <paramref name="userId"/> themself, or an admin.</summary>
    public static bool MayActFor(this ClaimsPrincipal caller, Guid userId) => caller.IsAdmin() || caller.UserId() == userId;
}
