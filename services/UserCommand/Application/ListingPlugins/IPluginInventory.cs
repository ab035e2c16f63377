namespace Platform.UserCommand.Application.ListingPlugins;

/// <summary>What the microkernel holds, for GET /api/admin/plugins.</summary>
public interface IPluginInventory
{
    IReadOnlyList<PluginReport> Describe();
}

/// <param name="Source">"built-in", or the assembly the plugin was loaded from.</param>
/// <param name="State">"enabled", "disabled", or "failed": it could not load or construct, and the service goes on without it.</param>
/// <param name="Failure">Why it failed: the exception's type and message.</param>
public sealed record PluginReport(string Name, string Source, string State, IReadOnlyList<HookReport> Hooks, string? Failure = null);

/// <summary>One hook of one plugin: calls, failures (thrown or timed out), mean time and the last failure.</summary>
public sealed record HookReport(string Hook, long Calls, long Failures, double MeanMilliseconds, string? LastFailure);
