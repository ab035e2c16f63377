namespace Platform.AppHost.Infrastructure.Containers;

/// <summary>
/// The servers' images that deploy/build-images.sh builds from Debian's packages (ADR 0027): localhost/platform/NAME:TAG
/// in podman's storage, never pulled. Aspire runs them in container mode and names them in its published manifest.
/// </summary>
public static class PlatformImages
{
    public const string Registry = "localhost";

    public static IResourceBuilder<T> WithPlatformImage<T>(this IResourceBuilder<T> resource, string name, string tag)
        where T : ContainerResource =>
        resource.WithImage($"platform/{name}", tag).WithImageRegistry(Registry).WithImagePullPolicy(ImagePullPolicy.Never);
}
