namespace Platform.UserCommand.Application;

/// <summary>What a command returns: the user it touched and the stream version after it (the ETag).</summary>
public sealed record UserVersion(Guid Id, long Version);
