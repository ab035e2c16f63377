using k8s.Models;
using Platform.Deploy;
using Platform.Deploy.Manifest;
using Platform.Deploy.Planning;
using Platform.Deploy.Rendering;

namespace Platform.Hosting.Tests.Deployment;

/// <summary>
/// The functions in a deployment (issue 23, ADR 0048): always-on workloads in platform.yaml and under podman, and, in
/// the serverless overlay, a Knative Service for the HTTP function and a KEDA ScaledObject for the queue-triggered one,
/// with the local activator's settings.
/// </summary>
public sealed class ServerlessManifestsTests
{
    private static readonly IReadOnlyList<Workload> Workloads =
        DeployCommand.Plan(Manifest(), SampleManifest.Parameters, new DeploymentOptions());

    [Fact]
    public void A_function_s_scaling_is_read_off_its_variables_which_the_function_itself_never_gets()
    {
        var registerUser = Workloads.Single(workload => workload.Name == "register-user");
        Assert.Equal(new FunctionScaling("http", TargetConcurrency: 50), registerUser.Function);
        Assert.Equal("localhost/platform/register-user:dev", registerUser.Image);
        var mail = Workloads.Single(workload => workload.Name == "send-welcome-mail");
        Assert.Equal(new FunctionScaling("queue", Queue: "send-welcome-mail", ScaleToZeroGraceSeconds: 10), mail.Function);
        Assert.All(Workloads, workload => Assert.DoesNotContain(workload.Environment, variable => variable.Name.StartsWith("Function__", StringComparison.Ordinal)));
        Assert.Null(Workloads.Single(workload => workload.Name == "gateway").Function);
    }

    [Fact]
    public void In_platform_yaml_and_under_podman_each_function_runs_always_on()
    {
        var deployments = KubernetesManifests.Render(Workloads).OfType<V1Deployment>().ToDictionary(deployment => deployment.Metadata.Name);
        Assert.Equal(1, deployments["register-user"].Spec.Replicas);
        Assert.Equal(1, deployments["send-welcome-mail"].Spec.Replicas);
        var pods = PodmanPods.Render(Workloads, "platform-test").OfType<V1Pod>().Select(pod => pod.Metadata.Name);
        Assert.Superset(new HashSet<string> { "register-user", "send-welcome-mail" }, pods.ToHashSet());
    }

    [Fact]
    public void The_http_function_is_a_Knative_Service_from_zero_with_the_activator_s_target_window_grace_and_maximum()
    {
        var service = Assert.Single(Documents("Service"));
        Assert.Equal("serving.knative.dev/v1", service["apiVersion"]);
        Assert.Equal("register-user", ((V1ObjectMeta)service["metadata"]).Name);
        var template = (Dictionary<string, object>)((Dictionary<string, object>)service["spec"])["template"];
        var annotations = ((V1ObjectMeta)template["metadata"]).Annotations;
        Assert.Equal("0", annotations["autoscaling.knative.dev/min-scale"]);
        Assert.Equal("50", annotations["autoscaling.knative.dev/target"]);
        Assert.Equal("concurrency", annotations["autoscaling.knative.dev/metric"]);
        Assert.Equal("60s", annotations["autoscaling.knative.dev/window"]);
        Assert.Equal("30s", annotations["autoscaling.knative.dev/scale-to-zero-pod-retention-period"]);
        Assert.Equal("4", annotations["autoscaling.knative.dev/max-scale"]);
        var spec = (Dictionary<string, object>)template["spec"];
        var container = Assert.Single((V1Container[])spec["containers"]);
        Assert.Equal(("http1", 8080), (Assert.Single(container.Ports).Name, Assert.Single(container.Ports).ContainerPort));
        Assert.Equal("localhost/platform/register-user:dev", container.Image);
        Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
        Assert.Contains(container.Env, variable => variable.ValueFrom.SecretKeyRef.Key == "register-user.ConnectionStrings__usercommand-db");
    }

    [Fact]
    public void Knative_s_activator_and_the_function_s_callers_may_reach_its_pods()
    {
        var policy = ServerlessManifests.Render(Workloads).OfType<V1NetworkPolicy>().Single();
        Assert.Equal("register-user", policy.Spec.PodSelector.MatchLabels["app.kubernetes.io/name"]);
        var from = Assert.Single(policy.Spec.Ingress).FromProperty;
        Assert.Contains(from, peer => peer.NamespaceSelector?.MatchLabels["kubernetes.io/metadata.name"] == "knative-serving");
        Assert.Contains(from, peer => peer.PodSelector?.MatchLabels["app.kubernetes.io/name"] == "gateway");
    }

    [Fact]
    public void The_queue_triggered_function_keeps_its_Deployment_which_KEDA_scales_from_zero_by_its_queue()
    {
        var scaled = Assert.Single(Documents("ScaledObject"));
        Assert.Equal("keda.sh/v1alpha1", scaled["apiVersion"]);
        var spec = (Dictionary<string, object>)scaled["spec"];
        Assert.Equal("send-welcome-mail", ((Dictionary<string, object>)spec["scaleTargetRef"])["name"]);
        Assert.Equal((0, 4, 10), ((int)spec["minReplicaCount"], (int)spec["maxReplicaCount"], (int)spec["cooldownPeriod"]));
        var trigger = Assert.Single((Dictionary<string, object>[])spec["triggers"]);
        Assert.Equal("rabbitmq", trigger["type"]);
        var metadata = (Dictionary<string, object>)trigger["metadata"];
        Assert.Equal(("send-welcome-mail", "QueueLength", "20", "ConnectionStrings__messaging"),
            (metadata["queueName"], metadata["mode"], metadata["value"], metadata["hostFromEnv"]));
        // The variable KEDA reads the broker's address from is the function's own.
        Assert.Contains(Workloads.Single(workload => workload.Name == "send-welcome-mail").Environment, variable => variable.Name == "ConnectionStrings__messaging");
    }

    [Fact]
    public void The_overlay_replaces_the_http_function_s_Deployment_and_Service_and_points_its_callers_at_Knative_s_port()
    {
        var kustomization = ServerlessManifests.Kustomization(Workloads);
        Assert.Contains("resources:\n  - ../\n  - functions.yaml\n", kustomization);
        Assert.Contains("$patch: delete\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: register-user\n", kustomization);
        Assert.Contains("$patch: delete\n      apiVersion: v1\n      kind: Service\n      metadata:\n        name: register-user\n", kustomization);
        Assert.Contains("name: gateway-env\n      data:\n        services__register-user__http__0: http://register-user\n", kustomization);
        Assert.DoesNotContain("send-welcome-mail", kustomization); // KEDA scales the base's Deployment
    }

    [Fact]
    public void A_queue_triggered_function_without_its_queue_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => FunctionScaling.Read([new("Function__Trigger", "queue", false)]));
        Assert.Contains("Function__Queue", error.Message);
    }

    private static IEnumerable<Dictionary<string, object>> Documents(string kind) =>
        ServerlessManifests.Render(Workloads).OfType<Dictionary<string, object>>().Where(document => (string)document["kind"] == kind);

    /// <summary>The sample's servers and the gateway, with the two functions as the AppHost publishes them.</summary>
    private static AspireManifest Manifest() => AspireManifest.Parse("""
        {
          "resources": {
            "postgres": {
              "type": "container.v0",
              "connectionString": "Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}",
              "image": "localhost/platform/postgres:dev",
              "env": { "POSTGRES_PASSWORD": "{postgres-password.value}" },
              "bindings": { "tcp": { "scheme": "tcp", "protocol": "tcp", "transport": "tcp", "port": 54320, "targetPort": 5432 } }
            },
            "postgres-password": {
              "type": "parameter.v0", "value": "{postgres-password.inputs.value}",
              "inputs": { "value": { "type": "string", "secret": true, "default": { "generate": { "minLength": 22 } } } }
            },
            "usercommand-db": { "type": "value.v0", "connectionString": "{postgres.connectionString};Database=usercommand" },
            "messaging": {
              "type": "container.v0",
              "connectionString": "amqp://guest:{postgres-password.value}@{messaging.bindings.tcp.host}:{messaging.bindings.tcp.port}",
              "image": "localhost/platform/rabbitmq:dev",
              "bindings": { "tcp": { "scheme": "tcp", "protocol": "tcp", "transport": "tcp", "targetPort": 5672 } }
            },
            "register-user": {
              "type": "project.v0",
              "path": "../functions/RegisterUser/Platform.Functions.RegisterUser.csproj",
              "env": {
                "HTTP_PORTS": "{register-user.bindings.http.targetPort}",
                "Function__Trigger": "http",
                "Function__TargetConcurrency": "50",
                "ConnectionStrings__usercommand-db": "{usercommand-db.connectionString}"
              },
              "bindings": { "http": { "scheme": "http", "protocol": "tcp", "transport": "http" } }
            },
            "send-welcome-mail": {
              "type": "project.v0",
              "path": "../functions/SendWelcomeMail/Platform.Functions.SendWelcomeMail.csproj",
              "env": {
                "HTTP_PORTS": "{send-welcome-mail.bindings.http.targetPort}",
                "Function__Trigger": "queue",
                "Function__Queue": "send-welcome-mail",
                "Function__ScaleToZeroGrace": "00:00:10",
                "ConnectionStrings__messaging": "{messaging.connectionString}"
              },
              "bindings": { "http": { "scheme": "http", "protocol": "tcp", "transport": "http" } }
            },
            "gateway": {
              "type": "project.v0",
              "path": "../gateway/Platform.Gateway.csproj",
              "env": { "services__register-user__http__0": "{register-user.bindings.http.url}" },
              "bindings": { "http": { "scheme": "http", "protocol": "tcp", "transport": "http", "targetPort": 8080, "external": true } }
            }
          }
        }
        """);
}
