using System.Reflection;
using NetArchTest.Rules;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// The architecture rules every service is held to, one set for all (linked into each service's test project):
/// the domain references nothing, the application no adapter, the API never the infrastructure, and every use case
/// (a handler, a consumer, a workflow step) sits in a folder of its own. A service's test class derives from this
/// one and names its assembly; xUnit runs these facts for each.
/// </summary>
public abstract class LayeredServiceTests(Assembly assembly, string rootNamespace, bool hasDomain = true)
{
    /// <summary>What a domain may not know: every framework, and the integration contracts (those belong to adapters).</summary>
    private static readonly string[] Frameworks =
        ["Marten", "JasperFx", "Npgsql", "MassTransit", "RabbitMQ", "MailKit", "MimeKit", "Yarp", "Microsoft.AspNetCore", "Microsoft.Extensions", "System.Net.Http"];

    /// <summary>What an application layer may not know: storage, the transport under the bus, HTTP, ASP.NET and mail.</summary>
    private static readonly string[] Adapters =
        ["Marten", "JasperFx", "Npgsql", "RabbitMQ", "MassTransit.RabbitMqTransport", "MailKit", "MimeKit", "Yarp", "Microsoft.AspNetCore", "System.Net.Http"];

    private string Layer(string name) => $"{rootNamespace}.{name}";

    [Fact]
    public void The_domain_depends_on_no_framework_and_no_other_layer()
    {
        if (!hasDomain)
        {
            Assert.Empty(Types.InAssembly(assembly).That().ResideInNamespace(Layer("Domain")).GetTypes());
            return;
        }
        AssertHasNoDependencies(assembly, Layer("Domain"),
            [.. Frameworks, "Platform.Contracts", Layer("Application"), Layer("Infrastructure"), Layer("Api")]);
    }

    [Fact]
    public void The_application_depends_on_no_adapter_and_no_outer_layer() =>
        AssertHasNoDependencies(assembly, Layer("Application"), [.. Adapters, Layer("Infrastructure"), Layer("Api")]);

    [Fact]
    public void The_api_calls_the_application_not_the_infrastructure() =>
        AssertHasNoDependencies(assembly, Layer("Api"), ["Marten", "Npgsql", "RabbitMQ", Layer("Infrastructure")]);

    [Fact]
    public void Every_use_case_sits_in_a_folder_of_its_own()
    {
        var loose = Types.InAssembly(assembly).GetTypes()
            .Where(type => type.Namespace == Layer("Application") && !type.Name.StartsWith('<'))
            .Where(type => type.Name.EndsWith("Handler", StringComparison.Ordinal) || type.Name.EndsWith("Consumer", StringComparison.Ordinal)
                           || type.Name.EndsWith("Activity", StringComparison.Ordinal)
                           || type.GetInterfaces().Any(contract => contract.Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) == true))
            .Select(type => type.Name)
            .ToList();

        Assert.NotEmpty(Types.InAssembly(assembly).That().ResideInNamespace(Layer("Application")).GetTypes());
        Assert.True(loose.Count == 0, $"{Layer("Application")} holds use cases outside a folder of their own: {string.Join(", ", loose)}");
    }

    /// <summary>No type of <paramref name="layer"/> may depend on any of <paramref name="forbidden"/>.</summary>
    public static void AssertHasNoDependencies(Assembly assembly, string layer, string[] forbidden)
    {
        // Marten's source generator adds file-local evolvers (named "<...>") beside an aggregate: they are Marten's code, not ours.
        var types = Types.InAssembly(assembly).That().ResideInNamespace(layer).And().DoNotHaveNameMatching("^<");
        Assert.NotEmpty(types.GetTypes());

        var result = types.ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful,
            $"{layer} must not depend on {string.Join(", ", forbidden)}; offenders: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
