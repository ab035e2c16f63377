using System.Diagnostics;
using System.Reflection;
using Platform.Deploy;
using Platform.Deploy.Manifest;
using Platform.Deploy.Planning;
using Platform.Deploy.Rendering;
using Platform.Hosting.Tests.Repository;

namespace Platform.Hosting.Tests.Deployment;

/// <summary>The Kubernetes manifests in deploy/kubernetes, and its serverless overlay, never drift from the AppHost (ADR 0028, 0048).</summary>
public sealed class CommittedManifestsTests
{
    [Fact]
    public async Task The_committed_manifests_are_what_the_AppHost_renders_today()
    {
        var manifest = AspireManifest.Parse(await PublishAsync());
        var workloads = DeployCommand.Plan(manifest, DeployCommand.PlaceholderParameters(manifest), new DeploymentOptions());
        var rendered = Rendered.Header + KubernetesManifests.ToYaml(KubernetesManifests.Render(workloads));
        var committed = await File.ReadAllTextAsync(Path.Combine(RepositoryFolder.Root, "deploy", "kubernetes", "platform.yaml"));
        Assert.True(committed == rendered,
            "deploy/kubernetes/platform.yaml differs from what the AppHost renders: run deploy/render-kubernetes.sh and commit it");
        Assert.Contains("kind: StatefulSet", committed); // and it is the real thing, not an empty file rendered from nothing

        var serverless = Path.Combine(RepositoryFolder.Root, "deploy", "kubernetes", "serverless");
        Assert.True(await File.ReadAllTextAsync(Path.Combine(serverless, ServerlessManifests.FunctionsFile)) == Rendered.Serverless(workloads)
                    && await File.ReadAllTextAsync(Path.Combine(serverless, "kustomization.yaml")) == ServerlessManifests.Kustomization(workloads),
            "deploy/kubernetes/serverless differs from what the AppHost renders: run deploy/render-kubernetes.sh and commit it");
        Assert.Contains("kind: ScaledObject", Rendered.Serverless(workloads));
    }

    /// <summary>The configuration this test was built in, which is the AppHost's: ./test.sh builds Release, an IDE Debug.</summary>
    private static readonly string BuiltIn = typeof(CommittedManifestsTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    /// <summary>The AppHost's manifest as deploy/render-kubernetes.sh publishes it: container mode, for Production.</summary>
    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("platform-manifest-").FullName, "aspire-manifest.json");
        var start = new ProcessStartInfo("dotnet",
            ["run", "--project", Path.Combine(RepositoryFolder.Root, "AppHost"), "-c", BuiltIn, "--no-build", "--",
             "--environment", "Production", "--publisher", "manifest", "--output-path", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Infrastructure__Mode"] = "Containers" },
        };
        using var publish = Process.Start(start)!;
        var printed = Task.WhenAll(publish.StandardOutput.ReadToEndAsync(), publish.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"publishing the AppHost's manifest failed: {string.Join('\n', await printed)}");
        return await File.ReadAllTextAsync(output);
    }
}
