namespace Platform.Benchmarks.Suite;

/// <summary>What a benchmark prints, kept as it is printed, so a clean run can publish it into docs/performance.md (<see cref="DocsBlock"/>).</summary>
public sealed class RunReport
{
    private readonly StringWriter kept = new();

    public void Line(string line = "")
    {
        Console.WriteLine(line);
        kept.WriteLine(line);
    }

    /// <summary>Replaces the block <paramref name="name"/> of docs/performance.md with what was printed.</summary>
    public async Task PublishAsync(string name)
    {
        if (await DocsBlock.WriteAsync(name, kept.ToString()))
            Console.WriteLine($"The figures in {DocsBlock.File} are this run's.");
    }
}
