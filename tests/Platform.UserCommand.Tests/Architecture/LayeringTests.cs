using Platform.Testing;

namespace Platform.UserCommand.Tests.Architecture;

/// <summary>The dependency rule: the core (domain, then application) knows nothing of the adapters around it.</summary>
public sealed class LayeringTests() : LayeredServiceTests(typeof(Platform.UserCommand.Domain.User).Assembly, "Platform.UserCommand");
