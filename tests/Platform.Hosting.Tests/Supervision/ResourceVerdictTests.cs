using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.AppHost.Supervision;

namespace Platform.Hosting.Tests.Supervision;

public sealed class ResourceVerdictTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Past = TimeSpan.FromSeconds(91);

    [Fact]
    public void A_running_resource_whose_checks_pass_is_ready() =>
        Assert.True(ResourceVerdict.IsReady(Snapshot(KnownResourceStates.Running, Report(HealthStatus.Healthy))));

    [Fact]
    public void A_running_resource_with_a_failing_check_is_not_ready() =>
        Assert.False(ResourceVerdict.IsReady(Snapshot(KnownResourceStates.Running, Report(HealthStatus.Unhealthy))));

    [Theory]
    [InlineData("Exited", 1, "exited with code 1")]
    [InlineData("Exited", 0, "exited with code 0")] // a server has no business exiting before the system is ready
    [InlineData("Finished", null, "exited")]
    [InlineData("FailedToStart", null, "failed to start")]
    public void A_resource_that_stopped_has_failed_at_once(string state, int? exitCode, string reason) =>
        Assert.Equal(reason, ResourceVerdict.FailureReason(Snapshot(state) with { ExitCode = exitCode }, TimeSpan.Zero, Bound));

    [Fact]
    public void Waiting_for_another_resource_never_fails_by_itself() =>
        Assert.Null(ResourceVerdict.FailureReason(Snapshot(KnownResourceStates.Waiting), Past, Bound));

    [Fact]
    public void Starting_or_unhealthy_within_the_bound_has_not_failed()
    {
        Assert.Null(ResourceVerdict.FailureReason(Snapshot(KnownResourceStates.Starting), Within, Bound));
        Assert.Null(ResourceVerdict.FailureReason(Snapshot(KnownResourceStates.Running, Report(HealthStatus.Unhealthy)), Within, Bound));
    }

    [Fact]
    public void Unhealthy_past_the_bound_has_failed_and_says_which_check_and_why()
    {
        var snapshot = Snapshot(KnownResourceStates.Running,
            Report(HealthStatus.Unhealthy, "System.Net.Sockets.SocketException: Connection refused\n   at Npgsql..."));

        var reason = ResourceVerdict.FailureReason(snapshot, Past, Bound);

        Assert.Equal("is still running and unhealthy (check: System.Net.Sockets.SocketException: Connection refused) after 90 s", reason);
    }

    [Fact]
    public void A_ready_resource_has_not_failed_however_long_it_runs() =>
        Assert.Null(ResourceVerdict.FailureReason(Snapshot(KnownResourceStates.Running, Report(HealthStatus.Healthy)), Past, Bound));

    [Theory]
    [InlineData("Exited", true)]
    [InlineData("Finished", true)]
    [InlineData("FailedToStart", true)]
    [InlineData("Running", false)]
    [InlineData("Starting", false)]
    [InlineData("Waiting", false)]
    public void A_restart_policy_starts_again_only_a_service_that_has_stopped(string state, bool restartable) =>
        Assert.Equal(restartable, ResourceVerdict.IsRestartable(new ProjectResource("user-command"), Snapshot(state)));

    [Fact]
    public void A_restart_policy_leaves_a_server_that_has_stopped_to_the_person_at_the_terminal() =>
        Assert.False(ResourceVerdict.IsRestartable(new ExecutableResource("postgres", "postgres", "."), Snapshot(KnownResourceStates.Exited)));

    private static HealthReportSnapshot Report(HealthStatus status, string? exception = null) =>
        new("check", status, Description: null, ExceptionText: exception);

    private static CustomResourceSnapshot Snapshot(string state, params HealthReportSnapshot[] reports) =>
        new CustomResourceSnapshot { ResourceType = "Executable", Properties = [], State = state }.WithHealthReports([.. reports]);
}
