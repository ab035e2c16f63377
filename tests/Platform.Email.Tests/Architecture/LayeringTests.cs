using Platform.Testing;

namespace Platform.Email.Tests.Architecture;

/// <summary>Hexagonal: the core knows its ports, never the adapters (MailKit, Npgsql, ASP.NET Core) behind them.</summary>
public sealed class LayeringTests() : LayeredServiceTests(typeof(Platform.Email.Domain.OutgoingMail).Assembly, "Platform.Email");
