namespace Platform.Ordering.Application;

/// <summary>Why an order command was refused; the API maps each to its HTTP status.</summary>
public abstract class OrderCommandRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The order context knows no such user yet (or the user may not order): a 422, the request itself is well-formed.</summary>
public sealed class CustomerUnknownException(Guid userId)
    : OrderCommandRefusedException($"User '{userId}' is not known to the order service, or may not order.");
