namespace Platform.Hosting.Tests.Messaging.Beta;

/// <summary>The beta module's consumer: its namespace puts it in the beta module.</summary>
public sealed class FailingConsumer() : Messaging.FailingConsumer("beta");
