using MassTransit;

namespace Platform.Hosting.Tests.Messaging.Alpha;

/// <summary>A consumer of the alpha module that always fails, counting each attempt.</summary>
public sealed class FailingConsumer : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context)
    {
        Attempts.Count("alpha", context.Message.Id);
        throw new InvalidOperationException("alpha fails");
    }
}
