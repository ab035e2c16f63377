using Platform.UserCommand.Application;

namespace Platform.UserCommand.Api;

public sealed record RegisterUserRequest(string? Name, string? Email);

public sealed record ChangeEmailRequest(string? Email);

public sealed record UserVersionResponse(Guid Id, long Version)
{
    public static UserVersionResponse From(UserVersion result) => new(result.Id, result.Version);
}

public sealed record UserEventResponse(string Type, long Version, DateTimeOffset Timestamp, object Data)
{
    public static UserEventResponse From(RecordedEvent e) => new(e.Type, e.Version, e.Timestamp, e.Data);
}
