using Platform.Ordering.Domain;
using NetArchTest.Rules;

namespace Platform.Ordering.Tests.Architecture;

public sealed class LayeringTests
{
    [Fact]
    public void The_order_domain_depends_on_no_framework()
    {
        // Marten's source generator adds file-local evolvers (named "<...>") beside the aggregate: they are Marten's code, not ours.
        var types = Types.InAssembly(typeof(Order).Assembly).That().ResideInNamespace("Platform.Ordering.Domain")
            .And().DoNotHaveNameMatching("^<");
        Assert.NotEmpty(types.GetTypes());

        var result = types.ShouldNot()
            .HaveDependencyOnAny("Marten", "JasperFx", "Npgsql", "MassTransit", "Microsoft.AspNetCore", "Microsoft.Extensions", "Platform.Contracts")
            .GetResult();

        Assert.True(result.IsSuccessful, $"offenders: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
