using System.Net.Http.Json;
using Platform.Contracts.Users.V1;
using Platform.UserQuery.Application.RebuildingReadModel;

namespace Platform.UserQuery.Infrastructure;

/// <summary>user-command's replay endpoint (GET /api/admin/events), found by service discovery.</summary>
public sealed class UserCommandEventHistory(HttpClient http) : IEventHistory
{
    public const string BaseAddress = "http://user-command";

    public async Task<UserEventPage> ReadAsync(long after, int limit, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<UserEventPage>($"/api/admin/events?after={after}&limit={limit}", cancellationToken)
        ?? throw new InvalidOperationException("user-command answered the replay with no body");
}
