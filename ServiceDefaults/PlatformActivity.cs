using System.Diagnostics;

namespace Platform.ServiceDefaults;

/// <summary>The activity source for spans the platform starts itself (e.g. forwarding a stored event to the bus).</summary>
public static class PlatformActivity
{
    public const string SourceName = "Platform";

    public static readonly ActivitySource Source = new(SourceName);
}
