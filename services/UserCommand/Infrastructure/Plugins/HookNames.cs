using Platform.Plugins;
using Platform.Plugins.Hosting;

namespace Platform.UserCommand.Infrastructure.Plugins;

/// <summary>The hooks user-command offers around a registration, as the kernel reports and counts them.</summary>
public static class HookNames
{
    public const string PreRegistration = "pre_user_registration";
    public const string PostRegistration = "post_user_registration";

    public static readonly IReadOnlyList<HookKind> Kinds =
        [new(typeof(IPreRegistrationHook), PreRegistration), new(typeof(IPostRegistrationHook), PostRegistration)];
}
