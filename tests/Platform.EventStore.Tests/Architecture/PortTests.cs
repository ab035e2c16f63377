using NetArchTest.Rules;
using Platform.EventStore.TimeTravel;
using Platform.EventStore.UnitOfWork;

namespace Platform.EventStore.Tests.Architecture;

/// <summary>The application layers see the unit of work and time travel through these types: none may bring Marten, Npgsql or ASP.NET with it.</summary>
public sealed class PortTests
{
    private static readonly Type[] Ports =
    [
        typeof(IEventSourcedUnitOfWork<>), typeof(StreamVersion), typeof(UnitOfWorkDecisions), typeof(StreamRefusedException),
        typeof(StreamNotFoundException), typeof(StaleVersionException), typeof(ConcurrentChangeException), typeof(NotAtThatPointException),
        typeof(IStoreFailures<>), typeof(IAggregateHistory<>), typeof(PastState<>), typeof(PastEvent),
    ];

    [Fact]
    public void The_ports_depend_on_no_framework()
    {
        var names = Ports.Select(port => port.FullName!).ToArray();
        var types = Types.InAssembly(typeof(IEventSourcedUnitOfWork<>).Assembly).That().HaveNameMatching(".").GetTypes()
            .Where(type => names.Contains(type.FullName)).ToList();
        Assert.Equal(Ports.Length, types.Count);

        var result = Types.InAssembly(typeof(IEventSourcedUnitOfWork<>).Assembly).That()
            .HaveNameMatching($"^({string.Join('|', Ports.Select(port => System.Text.RegularExpressions.Regex.Escape(port.Name)))})$")
            .ShouldNot().HaveDependencyOnAny("Marten", "JasperFx", "Npgsql", "MassTransit", "Microsoft.AspNetCore")
            .GetResult();

        Assert.True(result.IsSuccessful, $"offenders: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
