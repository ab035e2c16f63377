namespace Platform.UserCommand.Application.RegisteringUser;

/// <summary>
/// The microkernel's port: hooks that plugins hang around a registration. A hook that fails or runs late never
/// fails the registration; only an explicit refusal from a pre-registration hook stops it.
/// </summary>
public interface IRegistrationHooks
{
    /// <summary>The first refusal of the enabled pre-registration hooks, or null when all let it through.</summary>
    Task<HookRefusal?> BeforeRegistrationAsync(string name, string email, CancellationToken cancellationToken);

    Task AfterRegistrationAsync(Guid userId, string name, string email, CancellationToken cancellationToken);
}

/// <summary>Which plugin refused a registration, and why.</summary>
public sealed record HookRefusal(string Plugin, string Reason);

/// <summary>A plugin's pre-registration hook refused the registration.</summary>
public sealed class RegistrationRejectedException(HookRefusal refusal)
    : CommandRefusedException($"The registration was refused by the plugin '{refusal.Plugin}': {refusal.Reason}")
{
    public HookRefusal Refusal { get; } = refusal;
}
