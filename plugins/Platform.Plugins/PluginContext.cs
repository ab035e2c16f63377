namespace Platform.Plugins;

/// <summary>What the host gives a plugin when it creates it: its settings (Plugins:{Name}:Settings:*), as strings.</summary>
public sealed record PluginContext(IReadOnlyDictionary<string, string> Settings)
{
    public static readonly PluginContext Empty = new(new Dictionary<string, string>());

    public string? Setting(string key) => Settings.TryGetValue(key, out var value) ? value : null;
}
