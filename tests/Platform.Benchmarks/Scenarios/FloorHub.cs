using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// The chat's floor: a bare SignalR hub in the benchmark's own process, on loopback, with the chat hub's shape (join a
/// room's group, post, an update pushed to the group with the room's next version) and nothing behind it: no store, no
/// bus, no gateway, no second instance. What the chat adds to a message's delivery is the gap to this.
/// </summary>
public sealed class FloorHub : Hub
{
    private static readonly ConcurrentDictionary<Guid, long> Versions = new();

    public Task Join(Guid roomId, long after) => Groups.AddToGroupAsync(Context.ConnectionId, roomId.ToString("N"));

    public async Task<object> Post(Guid roomId, Guid messageId, string text)
    {
        var version = Versions.AddOrUpdate(roomId, 1, (_, last) => last + 1);
        await Clients.Group(roomId.ToString("N")).SendAsync("Update", new
        {
            roomId, version, type = "posted", messageId, userId = Guid.Empty, text, at = DateTimeOffset.UtcNow,
        });
        return new { roomId, messageId, version, resent = false };
    }

    public sealed class Server(WebApplication app, Uri address) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public static async Task<Server> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<FloorHub>("/floor");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Server(app, new Uri(new Uri(address), "/floor"));
    }
}
