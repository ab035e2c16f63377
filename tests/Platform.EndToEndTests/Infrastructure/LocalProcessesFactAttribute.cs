namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// A test of the local servers' own behaviour (their data folder, a server process that cannot start): skipped, with
/// the reason, when the suite runs in container mode (Infrastructure__Mode=Containers, ./test.sh --containers).
/// </summary>
public sealed class LocalProcessesFactAttribute : FactAttribute
{
    public LocalProcessesFactAttribute()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("Infrastructure__Mode"), "Containers", StringComparison.OrdinalIgnoreCase))
            Skip = "container mode (Infrastructure__Mode=Containers): this test is about the local server processes";
    }
}
