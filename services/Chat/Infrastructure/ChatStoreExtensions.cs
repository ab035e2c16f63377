using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Chat.Application;
using Platform.Chat.Domain;
using Platform.Chat.Infrastructure.Live;
using Platform.EventStore.Outbox;
using Platform.EventStore.UnitOfWork;
using Platform.ServiceDefaults.Migrations;

namespace Platform.Chat.Infrastructure;

public static class ChatStoreExtensions
{
    public const string DatabaseName = "chat-db";

    /// <summary>
    /// The chat's event store on its own database (ADR 0050): a stream per room, the room's state kept as a snapshot
    /// and the messages as documents, both inline, in the commit that appends the room's events.
    /// </summary>
    public static IHostApplicationBuilder AddChatStore(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseName);
        builder.AddDatabaseMigrations("chat", typeof(ChatStoreExtensions).Assembly); // the members' positions (receipts)
        builder.Services.AddMarten(options =>
            {
                options.DatabaseSchemaName = "chat";
                options.Events.MetadataConfig.HeadersEnabled = true;
                // The messages projection records each message's version, its place in the room's order: the rich append
                // gives inline projections the events' versions (the quick one, Marten 9's default, leaves them 0).
                options.Events.AppendMode = EventAppendMode.Rich;
                options.UseSystemTextJsonForSerialization(); // the Room is an immutable record, read back through its constructor
                options.Projections.Snapshot<Room>(SnapshotLifecycle.Inline);
                options.Projections.Add<ChatMessageProjection>(ProjectionLifecycle.Inline);
                options.Schema.For<ChatMessage>()
                    .Index([message => message.RoomId, message => message.Version]) // a page of a room, by version
                    .FullTextIndex(message => message.Text!); // search within a room: PostgreSQL's full-text search, English stemming
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            // Every room's events to every instance, in the store's order, forwarded by one instance at a time.
            .AddEventStoreOutbox<ChatOutboxMessages>(JasperFx.Events.Daemon.DaemonMode.HotCold, inOrder: true)
            .ApplyAllDatabaseChangesOnStartup();

        builder.Services.AddSingleton<IStoreFailures<Room>, ChatStoreFailures>();
        builder.Services.AddEventSourced<Room>();
        builder.Services.AddScoped<IRooms, MartenRooms>();
        builder.Services.AddScoped<IRoomMessages, MartenRoomMessages>();
        builder.Services.AddScoped<Application.ListingRooms.IRoomDirectory, MartenRoomDirectory>();
        builder.Services.AddSingleton<IReadPositions, PostgresReadPositions>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
