using System.Text.Json;
using MassTransit;
using Platform.Contracts.Users.V1;
using Platform.UserQuery.Application.RebuildingReadModel;

namespace Platform.UserQuery.Infrastructure;

/// <summary>
/// user-command's history (<c>GET /api/admin/event-store/history</c>, the endpoint every event-sourced service shares
/// and analytics' batch layer reads too), found by service discovery. Its entries are shaped like the bus's envelopes:
/// the message type's URN says which contract the message is.
/// </summary>
public sealed class UserCommandEventHistory(HttpClient http) : IUserEventHistory
{
    public const string BaseAddress = "http://user-command";
    private const string Route = "/api/admin/event-store/history";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string Registered = MessageUrn.ForTypeString<UserRegistered>();
    private static readonly string EmailChanged = MessageUrn.ForTypeString<UserEmailChanged>();
    private static readonly string Erased = MessageUrn.ForTypeString<UserErased>();

    public async Task<UserEventPage> ReadAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        using var page = await JsonDocument.ParseAsync(
            await http.GetStreamAsync($"{Route}?after={Uri.EscapeDataString(after ?? "")}&limit={limit}", cancellationToken), cancellationToken: cancellationToken);
        var root = page.RootElement;
        var events = root.GetProperty("events").EnumerateArray().Select(Replayed).OfType<ReplayedUserEvent>().ToList();
        return new UserEventPage(events, root.GetProperty("next").GetString()!, root.GetProperty("highestSequence").GetInt64(), root.GetProperty("atEnd").GetBoolean());
    }

    private static ReplayedUserEvent? Replayed(JsonElement entry)
    {
        var sequence = entry.GetProperty("sequence").GetInt64();
        var type = entry.GetProperty("messageType")[0].GetString();
        var message = entry.GetProperty("message");
        return type == Registered ? new ReplayedUserEvent(sequence, Registered: message.Deserialize<UserRegistered>(Json))
            : type == EmailChanged ? new ReplayedUserEvent(sequence, EmailChanged: message.Deserialize<UserEmailChanged>(Json))
            : type == Erased ? new ReplayedUserEvent(sequence, Erased: message.Deserialize<UserErased>(Json))
            : null;
    }
}
