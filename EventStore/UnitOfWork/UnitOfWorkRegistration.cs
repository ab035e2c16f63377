using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.EventStore.TimeTravel;

namespace Platform.EventStore.UnitOfWork;

public static class UnitOfWorkRegistration
{
    /// <summary>
    /// <typeparamref name="TState"/>'s streams in the default store, in the request's session: the unit of work every
    /// change goes through and its history for time travel, one per request, and their refusals as problem+json.
    /// </summary>
    public static IServiceCollection AddEventSourced<TState>(this IServiceCollection services) where TState : class
    {
        services.TryAddScoped<IStreamSessions, RequestSession>();
        return services.AddEventSourced<TState>(provider => provider.GetRequiredService<IStreamSessions>());
    }

    /// <summary>
    /// The same, with the sessions <typeparamref name="TSessions"/> opens: a sharded store's (the stream's bucket), or a
    /// store of the module's own in a process that hosts several (ADR 0053), so a module never writes in another's.
    /// </summary>
    public static IServiceCollection AddEventSourced<TState, TSessions>(this IServiceCollection services)
        where TState : class
        where TSessions : class, IStreamSessions
    {
        services.TryAddScoped<TSessions>();
        return services.AddEventSourced<TState>(provider => provider.GetRequiredService<TSessions>());
    }

    private static IServiceCollection AddEventSourced<TState>(this IServiceCollection services, Func<IServiceProvider, IStreamSessions> sessions)
        where TState : class
    {
        services.TryAddScoped<IEventSourcedUnitOfWork<TState>>(provider =>
            new MartenUnitOfWork<TState>(sessions(provider), provider.GetService<IStoreFailures<TState>>()));
        services.TryAddScoped<IAggregateHistory<TState>>(provider => new MartenAggregateHistory<TState>(sessions(provider)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionHandler, StreamProblemHandler>());
        return services;
    }
}
