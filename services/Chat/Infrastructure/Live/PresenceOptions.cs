namespace Platform.Chat.Infrastructure.Live;

/// <summary>"Chat:Presence": how often each instance announces who is connected to it (an entry lives three beats).</summary>
public sealed class PresenceOptions
{
    public const string Section = "Chat:Presence";

    public double HeartbeatSeconds { get; set; } = 5;

    public TimeSpan Interval => TimeSpan.FromSeconds(HeartbeatSeconds);
}
