namespace Platform.Benchmarks.Suite;

/// <summary>One part of the suite: it measures the system and its raw floor in the same run and reports both.</summary>
public interface IScenario
{
    /// <summary>The name on the command line (--only) and in the results.</summary>
    string Name { get; }

    /// <summary>How many steps it reports, for the progress bar.</summary>
    int Steps(BenchmarkOptions options);

    Task<IReadOnlyList<ScenarioResult>> RunAsync(RunningSystem system, BenchmarkOptions options, ScenarioProgress progress);

    /// <summary>Run only when named (./bench.sh functions, or --only): not part of the whole suite's run.</summary>
    bool OnRequest => false;

    /// <summary>Tables it measured during its run, beside the rates, printed below the results.</summary>
    IReadOnlyList<Section> Sections => [];
}
