using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Functions.Activator.Scaling;

/// <summary>
/// The queues' depths, as KEDA's RabbitMQ scaler reads them over AMQP: a passive declare, which the broker answers
/// with the messages ready, at once (the management API's counts lag by its statistics interval), and whether any was
/// delivered since the last reading (<see cref="QueueDeliveries"/>). One connection for the activator, opened on the
/// first read and again after the broker has closed it.
/// </summary>
public sealed class QueueDepths(IConnectionFactory broker, QueueDeliveries deliveries, ILogger<QueueDepths> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim opening = new(1, 1);
    private IConnection? connection;

    /// <summary>The queue's reading, or null when the broker could not be asked (the pool then keeps its instances).</summary>
    public async Task<QueueReading?> ReadAsync(string queue, CancellationToken ct)
    {
        try
        {
            var open = await ConnectionAsync(ct);
            await using var channel = await open.CreateChannelAsync(cancellationToken: ct);
            var declared = await channel.QueueDeclarePassiveAsync(queue, ct);
            return new QueueReading(true, declared.MessageCount, await deliveries.SinceLastLookAsync(queue, ct));
        }
        catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
        {
            return QueueReading.Missing;
        }
        catch (Exception failure) when (failure is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or IOException)
        {
            logger.LogWarning("The depth of {Queue} is unknown: {Error}", queue, failure.Message);
            return null;
        }
    }

    private async Task<IConnection> ConnectionAsync(CancellationToken ct)
    {
        if (connection is { IsOpen: true } open)
            return open;
        await opening.WaitAsync(ct);
        try
        {
            if (connection is { IsOpen: true } opened)
                return opened;
            if (connection is not null)
                await connection.DisposeAsync();
            return connection = await broker.CreateConnectionAsync("functions-activator", ct);
        }
        finally
        {
            opening.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
            await connection.DisposeAsync();
        opening.Dispose();
    }
}
