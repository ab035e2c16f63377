namespace Platform.Plugins;

/// <summary>What a pre-registration hook decided: let the registration through, or refuse it with a reason the caller reads.</summary>
public sealed record HookVerdict(string? RejectionReason)
{
    public static readonly HookVerdict Allow = new((string?)null);

    public bool IsRejected => RejectionReason is not null;

    public static HookVerdict Reject(string reason) => new(reason);
}
