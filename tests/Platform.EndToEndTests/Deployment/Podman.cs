using System.Diagnostics;
using System.Text.RegularExpressions;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Deployment;

/// <summary>The podman CLI as ./deploy.sh runs it: with the repository's containers.conf, which works around this host's limits.</summary>
public static class Podman
{
    public static readonly IReadOnlyDictionary<string, string?> Environment = new Dictionary<string, string?>
    {
        ["CONTAINERS_CONF"] = Path.Combine(TerminalRun.RepositoryRoot, "deploy", "podman", "containers.conf"),
    };

    /// <summary>Runs podman and returns what it printed, failing the test if it fails.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var (exitCode, output) = await TryAsync(arguments);
        Assert.True(exitCode == 0, $"podman {string.Join(' ', arguments)} failed ({exitCode}): {output}");
        return output.Trim();
    }

    public static async Task<(int ExitCode, string Output)> TryAsync(params string[] arguments)
    {
        await using var run = TerminalRun.Start("podman", arguments, Environment);
        await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (run.ExitCode, run.Output);
    }

    public static async Task<bool> VolumeExistsAsync(string volume) => (await TryAsync("volume", "exists", volume)).ExitCode == 0;

    /// <summary>
    /// Why the deployment test cannot run here, or null: podman missing, podman unable to work (no privileges, as in
    /// many CI containers), or a deployment of the machine's own already holding the pods' names.
    /// </summary>
    public static readonly Lazy<string?> SkipReason = new(() =>
    {
        try
        {
            var rootfs = TrueRootfs();
            var (exitCode, output) = TryAsync("run", "--rm", "--network", "none", "--rootfs", rootfs, "/bin/true").GetAwaiter().GetResult();
            Directory.Delete(rootfs, recursive: true);
            if (exitCode != 0)
                return $"podman cannot run a container on this machine: {output.Split('\n')[0]}";
            var (_, pods) = TryAsync("pod", "ps", "--filter", "label=app.kubernetes.io/part-of=platform", "--format", "{{.Name}}").GetAwaiter().GetResult();
            return pods.Trim().Length > 0
                ? "a deployment runs on this machine, and the test's pods would have its pods' names: stop it with ./deploy.sh --down"
                : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "podman is not installed (./deploy.sh and ./test.sh install it with apt-get)";
        }
    });

    /// <summary>The smallest container there is, with no image to build or pull: /bin/true and the libraries it loads.</summary>
    private static string TrueRootfs()
    {
        var rootfs = Directory.CreateTempSubdirectory("podman-probe-").FullName;
        using var ldd = Process.Start(new ProcessStartInfo("ldd", ["/bin/true"]) { RedirectStandardOutput = true })!;
        var libraries = Regex.Matches(ldd.StandardOutput.ReadToEnd(), @"/\S+").Select(match => match.Value).ToList();
        ldd.WaitForExit();
        foreach (var file in libraries.Append("/bin/true").Distinct())
        {
            var copy = Path.Combine(rootfs, file.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return rootfs;
    }
}

/// <summary>A test that deploys with podman: skipped, with the reason on one line, where podman cannot run.</summary>
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute()
    {
        if (Podman.SkipReason.Value is { } reason)
            Skip = reason;
    }
}
