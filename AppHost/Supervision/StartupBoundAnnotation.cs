namespace Platform.AppHost.Supervision;

/// <summary>
/// A resource whose start legitimately takes longer than the supervisor's bound (a Kubernetes startup probe's longer
/// failure threshold, for one workload): the supervisor waits this long for it to become healthy, and names why when
/// it still is not.
/// </summary>
public sealed record StartupBoundAnnotation(TimeSpan Bound, string Why) : IResourceAnnotation;

public static class StartupBoundExtensions
{
    /// <summary>Gives the resource <paramref name="bound"/> to become healthy, where the supervisor's bound is shorter.</summary>
    public static IResourceBuilder<T> WithStartupBound<T>(this IResourceBuilder<T> resource, TimeSpan bound, string why) where T : IResource =>
        resource.WithAnnotation(new StartupBoundAnnotation(bound, why), ResourceAnnotationMutationBehavior.Replace);

    /// <summary>The bound for this resource: its own where it has a longer one, else the supervisor's.</summary>
    public static (TimeSpan Bound, string? Why) StartupBound(this IResource resource, TimeSpan supervisorBound) =>
        resource.Annotations.OfType<StartupBoundAnnotation>().LastOrDefault() is { } own && own.Bound > supervisorBound
            ? (own.Bound, own.Why)
            : (supervisorBound, null);
}
