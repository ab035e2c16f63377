using System.Reflection;
using Platform.Testing;

namespace Platform.Analytics.Tests.Architecture;

/// <summary>The counting core knows its ports, never the log's or the views' adapters (RabbitMQ, Npgsql, ASP.NET Core).</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Analytics = typeof(Platform.Analytics.Domain.AnalyticsEvent).Assembly;

    [Fact]
    public void The_analytics_domain_depends_on_no_framework_and_no_other_layer() =>
        LayerRules.AssertHasNoDependencies(Analytics, "Platform.Analytics.Domain",
            ["RabbitMQ", "Npgsql", "Microsoft.AspNetCore", "Microsoft.Extensions", "Platform.Contracts",
             "Platform.Analytics.Application", "Platform.Analytics.Infrastructure", "Platform.Analytics.Api"]);

    [Fact]
    public void The_analytics_application_layer_knows_no_adapter() =>
        LayerRules.AssertHasNoDependencies(Analytics, "Platform.Analytics.Application",
            ["RabbitMQ", "Npgsql", "Microsoft.AspNetCore", "Platform.Analytics.Infrastructure", "Platform.Analytics.Api"]);
}
