using System.Reflection;
using Platform.Testing;

namespace Platform.UserCommand.Tests.Architecture;

/// <summary>The dependency rule: the core (domain, then application) knows nothing of the adapters around it.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly UserCommand = typeof(Platform.UserCommand.Domain.User).Assembly;
    private static readonly Assembly UserQuery = typeof(Platform.UserQuery.Application.UserProfile).Assembly;

    private static readonly string[] Frameworks = ["Marten", "JasperFx", "Npgsql", "MassTransit", "RabbitMQ", "Microsoft.AspNetCore"];

    [Fact]
    public void The_user_domain_depends_on_no_framework_and_no_other_layer()
    {
        LayerRules.AssertHasNoDependencies(UserCommand, "Platform.UserCommand.Domain",
            [.. Frameworks, "Platform.UserCommand.Application", "Platform.UserCommand.Infrastructure", "Platform.UserCommand.Api", "Platform.Contracts"]);
    }

    [Fact]
    public void The_user_application_layer_depends_only_on_the_domain()
    {
        LayerRules.AssertHasNoDependencies(UserCommand, "Platform.UserCommand.Application",
            [.. Frameworks, "Platform.UserCommand.Infrastructure", "Platform.UserCommand.Api"]);
    }

    [Fact]
    public void The_user_api_calls_the_application_not_the_infrastructure()
    {
        LayerRules.AssertHasNoDependencies(UserCommand, "Platform.UserCommand.Api", ["Marten", "Npgsql", "Platform.UserCommand.Infrastructure"]);
    }

    [Fact]
    public void The_read_side_application_layer_does_not_know_its_storage()
    {
        LayerRules.AssertHasNoDependencies(UserQuery, "Platform.UserQuery.Application", ["Npgsql", "Platform.UserQuery.Infrastructure", "Platform.UserQuery.Api"]);
    }
}
