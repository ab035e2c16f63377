using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Migrations;
using Platform.UserQuery.Application;
using Platform.UserQuery.Application.RebuildingReadModel;

namespace Platform.UserQuery.Infrastructure;

public static class ReadModelExtensions
{
    public const string DatabaseName = "userquery-db";

    /// <summary>The profile read model in the service's own database, its table migrated before the first event is applied.</summary>
    public static IHostApplicationBuilder AddReadModel(this IHostApplicationBuilder builder)
    {
        // Keyed by its database, so that a process of several modules (the monolith shape) holds each module's own.
        builder.AddKeyedNpgsqlDataSource(DatabaseName);
        builder.AddDatabaseMigrations("user-query", typeof(ReadModelSchema).Assembly, DatabaseName);
        builder.Services.AddSingleton<IUserProfiles, PostgresUserProfiles>();
        return builder;
    }

    /// <summary>The rebuild from user-command's history (found by service discovery) into a shadow table swapped in (ADR 0012).</summary>
    public static IHostApplicationBuilder AddReadModelRebuild(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IReadModelTables, PostgresReadModelSwap>();
        builder.Services.AddSingleton<ReadModelRebuild>();
        builder.Services.AddHttpClient<IUserEventHistory, UserCommandEventHistory>(http => http.BaseAddress = new Uri(UserCommandEventHistory.BaseAddress))
            .WithServiceToken(); // the history is a protected route: the rebuild reads it as a service
        return builder;
    }
}
