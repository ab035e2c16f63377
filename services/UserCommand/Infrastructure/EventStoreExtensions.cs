using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.EventStore.Outbox;
using Platform.EventStore.Sharding;
using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Application.ErasingUser;
using Platform.UserCommand.Application.KeepingEmailsUnique;
using Platform.UserCommand.Application.ListingShards;
using Platform.UserCommand.Application.RebalancingShards;
using Platform.UserCommand.Application.ReadingEvents;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Domain;
using Platform.UserCommand.Infrastructure.UserDirectory;
using Platform.UserCommand.Infrastructure.Erasure;
using Platform.UserCommand.Infrastructure.EventStore;
using Platform.UserCommand.Infrastructure.Identity;
using Platform.UserCommand.Infrastructure.Outbox;
using Platform.UserCommand.Infrastructure.Sharding;
using Platform.UserCommand.Infrastructure.Sharding.Moving;

namespace Platform.UserCommand.Infrastructure;

public static class EventStoreExtensions
{
    /// <summary>user-command's own database, on the main server: the directory.</summary>
    public const string DatabaseName = "usercommand-db";

    /// <summary>The schema of the users' streams on every shard, and of the directory's documents.</summary>
    public const string Schema = "user_command";

    /// <summary>
    /// The users' event store, sharded (ADR 0040): every bucket of users is a Marten tenant, explicitly placed on one of
    /// the shard servers, with its streams, snapshots and an outbox forwarder per shard; and the directory beside it,
    /// in user-command's own database: where each bucket lives, the email reservations, the credentials and the
    /// idempotency keys. user-command owns it: it creates the schema, places the buckets, runs the daemons and moves.
    /// </summary>
    public static IHostApplicationBuilder AddUserEventStore(this IHostApplicationBuilder builder) => builder.AddUserEventStore(UserStoreRole.Owner);

    /// <summary>The users' event store as <paramref name="role"/> uses it: its owner, or a writer hosted elsewhere (a function).</summary>
    public static IHostApplicationBuilder AddUserEventStore(this IHostApplicationBuilder builder, UserStoreRole role)
    {
        var owner = role == UserStoreRole.Owner;
        builder.AddNpgsqlDataSource(DatabaseName);
        var directoryConnection = builder.Configuration.GetConnectionString(DatabaseName)
            ?? throw new InvalidOperationException($"The users' store needs the connection string {DatabaseName}.");
        var shards = UserShards.From(builder.Configuration);
        builder.Services.AddSingleton(shards);
        builder.Services.AddSingleton<ShardRing>();
        var snapshots = UserSnapshots.Lifecycle(builder.Configuration);

        // Placement (and the move of users kept from before sharding) runs before Marten's own start-up work and its
        // outbox forwarders: hosted services start in the order they are added. A writer only reads the directory.
        if (owner)
        {
            builder.Services.AddSingleton<LegacyStoreMigration>();
            builder.Services.AddHostedService<BucketPlacement>();
        }
        else
        {
            builder.Services.AddHostedService<PlacementReader>();
            builder.Services.AddHostedService<PlacementListener>(); // the owner's mover flips in its own process; a writer hears of each flip
        }
        var marten = builder.Services.AddMarten(options =>
            {
                options.MultiTenantedWithShardedDatabases(sharded =>
                {
                    sharded.ConnectionString = directoryConnection;
                    sharded.SchemaName = BucketPlacement.DirectorySchema;
                    foreach (var shard in shards.All)
                        sharded.AddDatabase(shard, shards.ConnectionStrings[shard]);
                    sharded.UseExplicitAssignment(); // the ring places buckets, never Marten's own hash
                });
                options.DatabaseSchemaName = Schema;
                options.Events.MetadataConfig.HeadersEnabled = true;

                // The User is an immutable record: its snapshot reads back through its constructor, in the format it always had.
                options.UseSystemTextJsonForSerialization();

                // Snapshots of users (ADR 0011): a user is loaded from its latest snapshot plus the events after it.
                UserSnapshots.Register(options, snapshots);

                // The daemon's coordinator reads the directory (every database's place) each time it looks for new
                // databases: every 5 s by default, which an idle system would show as traffic. Every configured
                // server, spares too, is in the pool from the start; the outbox forwarders have a watchdog of their own (2 s).
                options.Projections.LeadershipPollingTime = 60_000;
                options.AddPersonalDataMasking(); // what an erasure leaves of the stored events (ADR 0038)
                options.Storage.ExtendedSchemaObjects.AddRange(BucketFence.SchemaObjects(Schema)); // a move's freeze on each shard (ADR 0045)
                options.OpenTelemetry.TrackEventCounters();
                if (!owner)
                    options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None; // the owner keeps the schema; a writer starts without touching it
            })
            .UseLightweightSessions();
        if (owner)
            marten.AddEventStoreOutbox<UserOutboxMessages>().ApplyAllDatabaseChangesOnStartup();

        var directory = builder.Services.AddMartenStore<IUserDirectory>(options =>
            {
                options.Connection(directoryConnection);
                options.DatabaseSchemaName = Schema; // where the accounts and keys were before the store was sharded
                options.UseSystemTextJsonForSerialization();
                options.Schema.For<EmailReservation>().Index(reservation => reservation.UserId);
                options.Schema.For<IdempotencyKeyDocument>().Index(key => key.UserId);
                options.Schema.For<AccountDocument>().UseOptimisticConcurrency(true); // credentials, never in an event
                options.Schema.For<ShardRingDocument>();
                options.Schema.For<RebalanceDocument>();
                if (!owner)
                    options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
            });
        if (owner)
            directory.ApplyAllDatabaseChangesOnStartup();
        builder.Services.AddScoped<DirectorySession>();

        // A stopped shard leaves its users unwritable, not the service down: the directory and the other shards serve.
        foreach (var shard in shards.All)
            builder.Services.AddHealthChecks().AddNpgSql(shards.ConnectionStrings[shard], name: shard, failureStatus: HealthStatus.Degraded, tags: ["shard"]);

        builder.Services.AddEventSourced<User, BucketSessions>();
        builder.Services.AddSingleton<StalePlacement>();
        builder.Services.AddExceptionHandler<ShardOutageProblemHandler>(); // a shard that cannot be reached, or a bucket frozen by its move: 503, for its users only
        builder.Services.AddSingleton<BucketGate>(); // the freeze every write passes in this process (the shard's own holds for the others)
        builder.Services.AddSingleton<ShardedUsers>();
        builder.Services.AddScoped<IEmailReservations, MartenEmailReservations>();
        builder.Services.AddScoped<IIdempotentRegistrations, MartenIdempotentRegistrations>();
        if (!owner)
            return builder;

        builder.Services.AddSingleton<IShardInventory, ShardInventory>();
        // The online rebalance (ADR 0043): the plan, and the mover in the background.
        builder.Services.AddSingleton<TenantPartitions>();
        builder.Services.AddSingleton<BucketMover>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BucketMover>());
        builder.Services.AddSingleton<IShardRebalance, ShardRebalance>();
        builder.Services.AddScoped<IUserHistory, MartenUserHistory>();
        builder.Services.AddScoped<IPersonalDataEraser, MartenPersonalDataEraser>();
        return builder;
    }
}

/// <summary>Who uses the users' store: user-command, which owns it, or a writer hosted elsewhere (ADR 0046).</summary>
public enum UserStoreRole
{
    Owner,
    Writer,
}
