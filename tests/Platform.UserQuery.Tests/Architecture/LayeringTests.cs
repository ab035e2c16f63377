using Platform.Testing;

namespace Platform.UserQuery.Tests.Architecture;

/// <summary>The read side has no domain of its own (its profiles are a projection); its application layer does not know its storage.</summary>
public sealed class LayeringTests() : LayeredServiceTests(typeof(Platform.UserQuery.Application.UserProfile).Assembly, "Platform.UserQuery", hasDomain: false);
