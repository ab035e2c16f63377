using Microsoft.Extensions.Options;
using Platform.UserCommand.Application.ActivatingAccount;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application.ChangingEmail;

/// <summary>
/// The code that confirms an email change, mailed to the new address: bound to the user, the address and the
/// request's version, so a later request (or the change itself) leaves every earlier code worthless. It is good for
/// the activation's lifetime (24 hours).
/// </summary>
public sealed class EmailChangeCodes(IOptions<ActivationOptions> options)
{
    public TimeSpan Lifetime => options.Value.ActivationLifetime;

    public string CodeFor(Guid userId, PendingEmail pending) =>
        OneTimeCodes.Derive(options.Value, $"email-change:{userId:N}:{pending.Version}:{pending.Email}");

    public bool Confirms(Guid userId, PendingEmail pending, string? code, DateTimeOffset now) =>
        now - pending.RequestedAt <= Lifetime && OneTimeCodes.Same(CodeFor(userId, pending), code);
}
