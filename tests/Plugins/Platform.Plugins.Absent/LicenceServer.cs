namespace Platform.Plugins.Absent;

/// <summary>Something a plugin needs from an assembly that is not deployed with it.</summary>
public sealed class LicenceServer
{
    public string Check() => "licensed";
}
