namespace Platform.Order.Application;

/// <summary>Why an order command was refused; the API maps each to its HTTP status.</summary>
public abstract class OrderCommandRefusedException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class OrderNotFoundException(Guid orderId) : OrderCommandRefusedException($"Order '{orderId}' does not exist.");

/// <summary>The order context knows no such user yet (or the user may not order): a 422, the request itself is well-formed.</summary>
public sealed class CustomerUnknownException(Guid userId)
    : OrderCommandRefusedException($"User '{userId}' is not known to the order service, or may not order.");

public sealed class OrderVersionMismatchException(Guid orderId, long expected)
    : OrderCommandRefusedException($"Order '{orderId}' is not at version {expected}: reload it and try again.");

public sealed class OrderConcurrencyConflictException(Guid orderId, Exception? inner = null)
    : OrderCommandRefusedException($"Order '{orderId}' was changed concurrently: reload it and try again.", inner);
