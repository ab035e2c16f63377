using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.EventStore.TimeTravel;

namespace Platform.EventStore.UnitOfWork;

public static class UnitOfWorkRegistration
{
    /// <summary>
    /// <typeparamref name="TState"/>'s streams: the unit of work every change goes through and its history for time
    /// travel, one per request (they share the request's session), and their refusals as problem+json.
    /// </summary>
    public static IServiceCollection AddEventSourced<TState>(this IServiceCollection services) where TState : class
    {
        services.TryAddScoped<IStreamSessions, RequestSession>(); // a sharded store registers its own first
        services.TryAddScoped<IEventSourcedUnitOfWork<TState>, MartenUnitOfWork<TState>>();
        services.TryAddScoped<IAggregateHistory<TState>, MartenAggregateHistory<TState>>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionHandler, StreamProblemHandler>());
        return services;
    }
}
