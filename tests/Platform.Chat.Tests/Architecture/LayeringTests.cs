using Platform.Chat.Domain;
using Platform.Testing;

namespace Platform.Chat.Tests.Architecture;

public sealed class LayeringTests() : LayeredServiceTests(typeof(Room).Assembly, "Platform.Chat");
