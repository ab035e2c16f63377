using Platform.UserCommand.Application;
using Platform.UserCommand.Application.RegisteringUser;

namespace Platform.UserCommand.Tests.Application;

/// <summary>A kernel with no plugins: every registration passes, nothing observes it.</summary>
public sealed class NoRegistrationHooks : IRegistrationHooks
{
    public Task<HookRefusal?> BeforeRegistrationAsync(string name, string email, CancellationToken cancellationToken) =>
        Task.FromResult<HookRefusal?>(null);

    public Task AfterRegistrationAsync(Guid userId, string name, string email, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
