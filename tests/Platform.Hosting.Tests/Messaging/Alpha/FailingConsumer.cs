namespace Platform.Hosting.Tests.Messaging.Alpha;

/// <summary>The alpha module's consumer: its namespace puts it in the alpha module.</summary>
public sealed class FailingConsumer() : Messaging.FailingConsumer("alpha");
