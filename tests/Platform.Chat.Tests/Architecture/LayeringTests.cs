using Platform.Chat.Domain;

namespace Platform.Chat.Tests.Architecture;

/// <summary>
/// The chat's first slice is its domain alone, so the whole assembly may reference the runtime and nothing else. When
/// the application, the store and the hub join it, this gives way to the layer rules every service is held to
/// (tests/Shared/LayerRules.cs), which need each layer to exist.
/// </summary>
public sealed class LayeringTests
{
    [Fact]
    public void The_domain_references_nothing_but_the_runtime()
    {
        var references = typeof(Room).Assembly.GetReferencedAssemblies().Select(reference => reference.Name!).ToList();
        Assert.Contains("System.Runtime", references);
        Assert.All(references, reference => Assert.True(reference.StartsWith("System.", StringComparison.Ordinal) || reference == "netstandard",
            $"the chat's domain references {reference}"));
    }
}
