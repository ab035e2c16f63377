using JasperFx.Events.Projections;
using Marten;
using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Application.ReadingEvents;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Domain;
using Platform.UserCommand.Application.ErasingUser;
using Platform.UserCommand.Infrastructure.Erasure;
using Platform.UserCommand.Infrastructure.EventStore;
using Platform.EventStore.Outbox;
using Platform.UserCommand.Infrastructure.Outbox;

namespace Platform.UserCommand.Infrastructure;

public static class EventStoreExtensions
{
    public const string DatabaseName = "usercommand-db";

    /// <summary>Marten on the service's own database: user streams, the email index and the outbox forwarder.</summary>
    public static IHostApplicationBuilder AddUserEventStore(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseName);
        var snapshots = UserSnapshots.Lifecycle(builder.Configuration);

        builder.Services.AddMarten(options =>
            {
                options.DatabaseSchemaName = "user_command";
                options.Events.MetadataConfig.HeadersEnabled = true;

                // The User is an immutable record: its snapshot reads back through its constructor, in the format it always had.
                options.UseSystemTextJsonForSerialization();

                // Snapshots of users (ADR 0011): a user is loaded from its latest snapshot plus the events after it.
                if (snapshots is { } lifecycle)
                    options.Projections.Snapshot<User>(lifecycle);

                options.Projections.Snapshot<UserEmailIndex>(SnapshotLifecycle.Inline);
                options.Schema.For<UserEmailIndex>().UniqueIndex(index => index.Email);
                options.Schema.For<IdempotencyKeyDocument>();
                options.Schema.For<Identity.AccountDocument>().UseOptimisticConcurrency(true); // credentials, never in an event

                options.AddPersonalDataMasking(); // what an erasure leaves of the stored events (ADR 0038)
                options.OpenTelemetry.TrackEventCounters();
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .AddEventStoreOutbox<UserOutboxMessages>()
            .ApplyAllDatabaseChangesOnStartup();

        builder.Services.AddEventSourced<User>();
        builder.Services.AddSingleton<IStoreFailures<User>, UserStoreFailures>();
        builder.Services.AddScoped<IUserHistory, MartenUserHistory>();
        builder.Services.AddScoped<IIdempotentRegistrations, MartenIdempotentRegistrations>();
        builder.Services.AddScoped<IPersonalDataEraser, MartenPersonalDataEraser>();
        return builder;
    }
}
