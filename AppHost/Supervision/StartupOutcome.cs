namespace Platform.AppHost.Supervision;

/// <summary>How the start went, as <see cref="StartupSupervisor"/> judged it; the end-to-end fixture awaits it too.</summary>
public sealed class StartupOutcome
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every resource is running and healthy; faults with <see cref="ResourceFailedException"/>.</summary>
    public Task Ready => ready.Task;

    public bool IsDecided => ready.Task.IsCompleted;

    public bool HasFailed => ready.Task.IsFaulted;

    /// <summary>What the AppHost process exits with: 1 after a failed start.</summary>
    public int ExitCode => HasFailed ? 1 : 0;

    internal void Succeeded() => ready.TrySetResult();

    internal void Failed(ResourceFailure failure) => ready.TrySetException(new ResourceFailedException(failure));

    internal void Abandoned() => ready.TrySetCanceled();
}
