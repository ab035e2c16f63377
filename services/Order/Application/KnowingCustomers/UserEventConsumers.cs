using MassTransit;
using Platform.Contracts.Users.V1;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.KnowingCustomers;

public sealed class CustomerRegisteredConsumer(ICustomers customers) : IConsumer<UserRegistered>
{
    public Task Consume(ConsumeContext<UserRegistered> context)
    {
        var registered = context.Message;
        return customers.SaveAsync(new Customer(registered.UserId, registered.Name, registered.Email, registered.Version), context.CancellationToken);
    }
}

/// <summary>
/// An erased user (ADR 0038): the customer becomes a tombstone, and the personal data in the customer's orders' stored
/// events is masked in place. Both are idempotent, so a redelivery finishes what a failure left.
/// </summary>
public sealed class CustomerErasedConsumer(ICustomers customers, ICustomerErasure orders) : IConsumer<UserErased>
{
    public async Task Consume(ConsumeContext<UserErased> context)
    {
        var erased = context.Message;
        await customers.SaveAsync(Customer.Erased(erased.UserId, erased.Version), context.CancellationToken);
        await orders.MaskOrdersOfAsync(erased.UserId, context.CancellationToken);
    }
}

/// <summary>A change that overtook its registration is retried until the registration has arrived.</summary>
public sealed class CustomerEmailChangedConsumer(ICustomers customers) : IConsumer<UserEmailChanged>
{
    public async Task Consume(ConsumeContext<UserEmailChanged> context)
    {
        var changed = context.Message;
        var known = await customers.FindAsync(changed.UserId, context.CancellationToken)
            ?? throw new InvalidOperationException($"User '{changed.UserId}' is not known to the order service yet.");
        await customers.SaveAsync(known with { Email = changed.Email, Version = changed.Version }, context.CancellationToken);
    }
}
