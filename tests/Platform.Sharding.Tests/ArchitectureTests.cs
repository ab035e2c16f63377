using NetArchTest.Rules;

namespace Platform.Sharding.Tests;

/// <summary>The shard map is pure computation: every process can load it and place a key, with no server, file or framework.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void The_shard_map_does_no_io_and_knows_no_framework()
    {
        var result = Types.InAssembly(typeof(IShardMap).Assembly).ShouldNot()
            .HaveDependencyOnAny("System.Net", "System.Data", "System.IO.File", "System.IO.Stream", "System.IO.Pipes", "Microsoft.", "Npgsql", "Marten", "MassTransit")
            .GetResult();
        Assert.True(result.IsSuccessful, $"Depends on I/O or a framework: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
