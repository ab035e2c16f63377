using System.Reflection;
using NetArchTest.Rules;
using Xunit;

namespace Platform.Testing;

/// <summary>The architecture tests' one rule, shared by the services' test projects (linked into each).</summary>
public static class LayerRules
{
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
