using System.Diagnostics;

namespace Platform.AppHost.Infrastructure;

public enum InfrastructureMode
{
    /// <summary>Containers if a container engine answers, local processes otherwise.</summary>
    Auto,
    LocalProcesses,
    Containers,
}

public static class InfrastructureModeDetection
{
    /// <summary>
    /// Aspire's container resources wait forever when no engine runs, so containers are used only when
    /// `docker info` succeeds (or when asked for explicitly with Infrastructure:Mode=Containers).
    /// </summary>
    public static InfrastructureMode Resolve(InfrastructureMode requested) =>
        requested != InfrastructureMode.Auto ? requested
        : ContainerEngineAnswers() ? InfrastructureMode.Containers
        : InfrastructureMode.LocalProcesses;

    private static bool ContainerEngineAnswers()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null)
                return false;
            if (!docker.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                docker.Kill(entireProcessTree: true);
                return false;
            }
            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client at all
        }
    }
}
