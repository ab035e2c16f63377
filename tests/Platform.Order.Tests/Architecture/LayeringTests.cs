using Platform.Ordering.Domain;
using Platform.Testing;

namespace Platform.Ordering.Tests.Architecture;

public sealed class LayeringTests() : LayeredServiceTests(typeof(Order).Assembly, "Platform.Ordering");
