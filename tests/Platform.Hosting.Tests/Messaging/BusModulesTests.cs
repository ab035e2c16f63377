using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults;

namespace Platform.Hosting.Tests.Messaging;

/// <summary>
/// Several modules on one in-memory bus (the monolith shape): two modules' consumers of one event each get it, on an
/// endpoint of their own, and each retries a failure by its own module's waits; on RabbitMQ a bus is one service's.
/// </summary>
public sealed class BusModulesTests
{
    [Fact]
    public async Task Each_modules_consumer_gets_the_event_on_its_own_endpoint_and_retries_by_its_modules_waits()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [MessagingExtensions.TransportKey] = MessagingExtensions.InMemory });
        builder.AddPlatformBus(
            new BusModule(typeof(Alpha.FailingConsumer).Namespace!, bus => bus.AddConsumer<Alpha.FailingConsumer>(), [TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)]),
            new BusModule(typeof(Beta.FailingConsumer).Namespace!, bus => bus.AddConsumer<Beta.FailingConsumer>(), [TimeSpan.FromMilliseconds(1)]));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var id = Guid.NewGuid();
            await host.Services.GetRequiredService<IBus>().Publish(new Ping(id));

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while ((Attempts.Of("alpha", id) < 3 || Attempts.Of("beta", id) < 2) && DateTime.UtcNow < deadline)
                await Task.Delay(20);
            await Task.Delay(200); // and no more after that
            Assert.Equal((3, 2), (Attempts.Of("alpha", id), Attempts.Of("beta", id)));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void On_RabbitMQ_a_bus_serves_one_module()
    {
        var builder = Host.CreateApplicationBuilder();
        var refused = Assert.Throws<InvalidOperationException>(() => builder.AddPlatformBus(
            new BusModule("A", _ => { }), new BusModule("B", _ => { })));
        Assert.Contains("Messaging:Transport=InMemory", refused.Message);
    }

    [Theory]
    [InlineData("Platform.Email", "platform-email-")]
    [InlineData("Platform.UserQuery", "platform-user-query-")]
    public void A_modules_endpoints_start_with_its_namespace_in_kebab_case(string ns, string prefix) =>
        Assert.Equal(prefix, new BusModule(ns, _ => { }).EndpointPrefix);
}

public sealed record Ping(Guid Id);

/// <summary>A consumer that always fails, counting each attempt under its module's name.</summary>
public abstract class FailingConsumer(string module) : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context)
    {
        Attempts.Count(module, context.Message.Id);
        throw new InvalidOperationException($"{module} fails");
    }
}

/// <summary>How many times each module's consumer was handed each ping.</summary>
internal static class Attempts
{
    private static readonly ConcurrentDictionary<(string, Guid), int> Counts = new();

    public static void Count(string module, Guid id) => Counts.AddOrUpdate((module, id), 1, (_, n) => n + 1);

    public static int Of(string module, Guid id) => Counts.GetValueOrDefault((module, id));
}
