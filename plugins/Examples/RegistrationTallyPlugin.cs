namespace Platform.Plugins.Examples;

/// <summary>A post-registration hook that keeps a tally of registrations per email domain: an observer, as post-hooks are.</summary>
public sealed class RegistrationTallyPlugin : IPostRegistrationHook
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> perDomain = new();

    public string Name => "registration-tally";

    public IReadOnlyDictionary<string, int> PerDomain => perDomain;

    public Task AfterRegistrationAsync(RegisteredUser user, CancellationToken cancellationToken)
    {
        perDomain.AddOrUpdate(user.Email[(user.Email.IndexOf('@') + 1)..], 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}
