using Platform.Plugins;

namespace Platform.UserCommand.Infrastructure.Plugins.BuiltIn;

/// <summary>
/// Refuses registrations from throw-away mail services. The list is the setting Plugins:disposable-email-domains:
/// Settings:Domains (comma-separated); a subdomain of a listed domain is refused too.
/// </summary>
public sealed class DisposableEmailDomainsPlugin(PluginContext context) : IPreRegistrationHook
{
    private const string DefaultDomains = "mailinator.com,guerrillamail.com,10minutemail.com,yopmail.com,trashmail.com,tempmail.com";

    private readonly HashSet<string> domains = (context.Setting("Domains") ?? DefaultDomains)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(domain => domain.ToLowerInvariant())
        .ToHashSet();

    public string Name => "disposable-email-domains";

    public Task<HookVerdict> BeforeRegistrationAsync(RegistrationCandidate candidate, CancellationToken cancellationToken)
    {
        var domain = candidate.Email[(candidate.Email.LastIndexOf('@') + 1)..].ToLowerInvariant();
        var listed = domains.Contains(domain) || domains.Any(listedDomain => domain.EndsWith("." + listedDomain, StringComparison.Ordinal));
        return Task.FromResult(listed
            ? HookVerdict.Reject($"Addresses at {domain} are disposable; register with a lasting address.")
            : HookVerdict.Allow);
    }
}
