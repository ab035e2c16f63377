using Platform.Testing;

namespace Platform.Analytics.Tests.Architecture;

/// <summary>The counting core knows its ports, never the log's or the views' adapters (RabbitMQ, Npgsql, ASP.NET Core).</summary>
public sealed class LayeringTests() : LayeredServiceTests(typeof(Platform.Analytics.Domain.AnalyticsEvent).Assembly, "Platform.Analytics");
