using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Gateway.Policies;
using Platform.Gateway.Resilience;
using Platform.Gateway.Tests.Policies;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Tests.Resilience;

/// <summary>
/// The gateway's proxy pipeline in process: YARP with the resilience step as the gateway composes it, in front of
/// two destinations of one service ("a" and "b") whose answers a test scripts. Nothing listens on a port: YARP's
/// HTTP client is replaced by <see cref="Upstream"/>, which records every request that reached a destination.
/// </summary>
internal sealed class ProxyHarness : IAsyncDisposable
{
    public const string Service = "things";
    private readonly WebApplication app;

    private ProxyHarness(WebApplication app, Upstream upstream)
    {
        this.app = app;
        Destinations = upstream;
        Client = app.GetTestClient();
    }

    public Upstream Destinations { get; }

    public HttpClient Client { get; }

    public ClusterResilience Resilience => app.Services.GetRequiredService<ClusterResilience>();

    public static async Task<ProxyHarness> StartAsync(ServicePolicy policy, RetryOptions? retry = null)
    {
        var upstream = new Upstream();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<ResilienceOptions>(options => options.Retry = retry ?? new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1) });
        builder.Services.Configure<GatewayLimits>(_ => { });
        builder.Services.AddSingleton<IPolicyStore>(new InMemoryPolicyStore(TimeProvider.System));
        builder.Services.AddSingleton(Options.Create(policy));
        builder.Services.AddSingleton(new PolicyReload());
        builder.Services.AddSingleton<ServicePolicies>();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<FallbackCache>();
        builder.Services.AddSingleton<ClusterResilience>();
        builder.Services.AddSingleton<IForwarderHttpClientFactory>(new UpstreamClients(upstream));
        builder.Services.AddReverseProxy().LoadFromMemory(
        [
            new RouteConfig
            {
                RouteId = "reads", ClusterId = Service, Match = new RouteMatch { Path = "/things/{**rest}", Methods = ["GET"] },
                Metadata = new Dictionary<string, string> { [FallbackCache.RouteMetadata] = "30" },
            },
            new RouteConfig { RouteId = "writes", ClusterId = Service, Match = new RouteMatch { Path = "/things/{**rest}", Methods = ["POST"] } },
        ],
        [
            new ClusterConfig
            {
                ClusterId = Service,
                LoadBalancingPolicy = "RoundRobin",
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["a"] = new() { Address = "http://a.test/" },
                    ["b"] = new() { Address = "http://b.test/" },
                },
            },
        ]);
        var app = builder.Build();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ClusterResilience>();
            proxy.UseLoadBalancing();
        });
        await app.StartAsync();
        return new ProxyHarness(app, upstream);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }

    /// <summary>The service's two instances: each answers, fails with a status, or cannot be reached, as told.</summary>
    internal sealed class Upstream : HttpMessageHandler
    {
        private readonly ConcurrentDictionary<string, Func<HttpStatusCode?>> behaviour = new();

        /// <summary>Every request that reached (or tried to reach) a destination: "a" or "b".</summary>
        public ConcurrentQueue<string> Calls { get; } = new();

        /// <summary>null: the connection fails, as to a stopped instance.</summary>
        public void Answer(string destination, HttpStatusCode? status) => behaviour[destination] = () => status;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var destination = request.RequestUri!.Host.Split('.')[0];
            Calls.Enqueue(destination);
            var status = behaviour.TryGetValue(destination, out var answer) ? answer() : HttpStatusCode.OK;
            if (status is not { } code)
                throw new HttpRequestException("Connection refused", null, HttpStatusCode.ServiceUnavailable);
            return Task.FromResult(new HttpResponseMessage(code)
            {
                Content = new StringContent($$"""{"servedBy":"{{destination}}"}""", System.Text.Encoding.UTF8, "application/json"),
                RequestMessage = request,
            });
        }
    }

    private sealed class UpstreamClients(Upstream upstream) : IForwarderHttpClientFactory
    {
        public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(upstream, disposeHandler: false);
    }
}
