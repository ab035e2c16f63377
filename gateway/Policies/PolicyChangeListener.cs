using Npgsql;
using Platform.ServiceDefaults.Notifications;

namespace Platform.Gateway.Policies;

/// <summary>
/// Puts in force the policies that another gateway instance changed: it listens on the channel that the policy table's
/// trigger notifies on commit (migration V2), and reads the newest versions on each notice and after (re)connecting.
/// </summary>
public sealed class PolicyChangeListener(NpgsqlDataSource database, ServicePolicies policies, TimeProvider clock, ILogger<PolicyChangeListener> logger)
    : ChannelListener(database, clock, logger)
{
    public const string ChannelName = "gateway_policy_versions";

    protected override string Channel => ChannelName;

    protected override Task RefreshAsync(CancellationToken ct) => policies.RefreshAsync(ct);
}
