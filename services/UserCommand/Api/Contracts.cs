using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Application.ReadingEvents;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Api;

public sealed record RegisterUserRequest(string? Name, string? Email);

public sealed record ChangeEmailRequest(string? Email);

public sealed record ConfirmEmailRequest(string? Code);

public sealed record UserVersionResponse(Guid Id, long Version)
{
    public static UserVersionResponse From(UserVersion result) => new(result.Id, result.Version);

    public static UserVersionResponse From(StreamVersion result) => new(result.Id, result.Version);
}

public sealed record UserEventResponse(string Type, long Version, DateTimeOffset Timestamp, object Data)
{
    public static UserEventResponse From(RecordedEvent e) => new(e.Type, e.Version, e.Timestamp, e.Data);
}

/// <summary>A user as time travel shows it; the version and the time of its last event travel beside it.</summary>
public sealed record UserStateResponse(Guid Id, string Name, string Email)
{
    public static UserStateResponse From(User user) => new(user.Id, user.Name, user.Email);
}
