using Platform.AppHost.Supervision;

namespace Platform.Hosting.Tests.Supervision;

public sealed class StartupBoundTests
{
    private static readonly TimeSpan Supervisor = TimeSpan.FromSeconds(90);

    [Fact]
    public void A_resource_without_a_bound_of_its_own_gets_the_supervisors() =>
        Assert.Equal((Supervisor, (string?)null), Resource().StartupBound(Supervisor));

    [Fact]
    public void A_resource_with_a_longer_bound_gets_it_and_why() =>
        Assert.Equal((TimeSpan.FromMinutes(3), (string?)"places buckets"),
            Resource(new StartupBoundAnnotation(TimeSpan.FromMinutes(3), "places buckets")).StartupBound(Supervisor));

    [Fact]
    public void A_shorter_bound_of_its_own_does_not_shorten_the_supervisors() =>
        Assert.Equal((Supervisor, (string?)null), Resource(new StartupBoundAnnotation(TimeSpan.FromSeconds(10), "impatient")).StartupBound(Supervisor));

    private static IResource Resource(params IResourceAnnotation[] annotations)
    {
        var resource = new ContainerResource("probe");
        foreach (var annotation in annotations)
            resource.Annotations.Add(annotation);
        return resource;
    }
}
