using Spectre.Console;

namespace Platform.Benchmarks.Suite;

/// <summary>
/// A scenario's progress: on a terminal, its bar in the live display; elsewhere (CI, a pipe), one timestamped line
/// per step, so a long run is never silent.
/// </summary>
public sealed class ScenarioProgress(string scenario, ProgressTask? bar)
{
    /// <summary>Starts the next step: "direct, 32 clients".</summary>
    public void Step(string description)
    {
        if (bar is null)
        {
            Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {scenario}: {description}");
            return;
        }
        if (bar.Description != scenario) // the previous step is done
            bar.Increment(1);
        bar.Description = $"{scenario}: {Markup.Escape(description)}";
    }

    public void Done()
    {
        if (bar is null)
            return;
        bar.Description = scenario;
        bar.Value = bar.MaxValue;
    }
}
