using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Supervision;

/// <summary>Reads one resource's snapshot as the supervisor judges it: ready, still on its way, or failed.</summary>
public static class ResourceVerdict
{
    public static bool IsReady(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus == HealthStatus.Healthy;

    /// <summary>Why the resource has failed, or null while it is ready or may still get there.</summary>
    /// <param name="unreadyFor">How long it has been neither ready nor waiting for another resource.</param>
    public static string? FailureReason(CustomResourceSnapshot snapshot, TimeSpan unreadyFor, TimeSpan bound)
    {
        var state = snapshot.State?.Text;
        if (state == KnownResourceStates.FailedToStart)
            return "failed to start";
        if (state == KnownResourceStates.RuntimeUnhealthy)
            return "cannot start: the container runtime is unhealthy (set Infrastructure__Mode=LocalProcesses)";
        if (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished)
            return snapshot.ExitCode is { } code ? $"exited with code {code}" : "exited";
        if (IsReady(snapshot) || state == KnownResourceStates.Waiting || unreadyFor <= bound)
            return null;
        return $"is still {Describe(snapshot)} after {bound.TotalSeconds:0} s";
    }

    /// <summary>
    /// Whether a restart policy may start the resource again: one of the system's own services (a project) that has
    /// exited or failed. The servers are left to the person at the terminal: their data folders may need a look.
    /// </summary>
    public static bool IsRestartable(IResource resource, CustomResourceSnapshot snapshot) =>
        resource is ProjectResource
        && snapshot.State?.Text is { } state
        && (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished || state == KnownResourceStates.FailedToStart);

    private static string Describe(CustomResourceSnapshot snapshot)
    {
        var state = snapshot.State?.Text ?? "not started";
        var failing = snapshot.HealthReports
            .Where(report => report.Status != HealthStatus.Healthy)
            .Select(report => $"{report.Name}: {FirstLine(report.ExceptionText ?? report.Description) ?? report.Status?.ToString() ?? "not checked yet"}")
            .ToList();
        return failing.Count == 0 ? state.ToLowerInvariant() : $"{state.ToLowerInvariant()} and unhealthy ({string.Join("; ", failing)})";
    }

    private static string? FirstLine(string? text) => text?.Split('\n', 2)[0].Trim();
}
