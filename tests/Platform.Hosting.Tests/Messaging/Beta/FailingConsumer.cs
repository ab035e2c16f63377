using MassTransit;

namespace Platform.Hosting.Tests.Messaging.Beta;

/// <summary>A consumer of the beta module that always fails, counting each attempt.</summary>
public sealed class FailingConsumer : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context)
    {
        Attempts.Count("beta", context.Message.Id);
        throw new InvalidOperationException("beta fails");
    }
}
