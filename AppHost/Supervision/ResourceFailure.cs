namespace Platform.AppHost.Supervision;

/// <summary>What went wrong with one resource, with the last lines of its console log.</summary>
public sealed record ResourceFailure(string Resource, string Reason, IReadOnlyList<string> LogLines)
{
    public override string ToString() => LogLines.Count == 0
        ? $"{Resource} {Reason}. Its console log is empty."
        : $"{Resource} {Reason}. The last lines of its console log:{Environment.NewLine}"
          + string.Join(Environment.NewLine, LogLines.Select(line => $"  | {line}"));
}

/// <summary>The start failed: the exception the test fixture sees, carrying what the terminal printed.</summary>
public sealed class ResourceFailedException(ResourceFailure failure) : Exception(failure.ToString())
{
    public ResourceFailure Failure { get; } = failure;
}
