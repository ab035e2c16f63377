using System.Diagnostics;
using Platform.Functions.Activator.Instances;

namespace Platform.Functions.Activator.Scaling;

/// <summary>
/// A function's instances, as Knative's activator and autoscaler keep a revision's pods, or KEDA a queue consumer's.
/// A request takes the least busy ready instance under the target concurrency; with none under it, another instance
/// is started (one at a time, up to the maximum) and the request waits for it only if no instance is ready at all: a
/// cold start. The autoscaler (<see cref="Autoscaler"/>) ticks <see cref="ScaleAsync"/>: it stops instances the
/// stable window's load no longer needs, down to zero after the grace period with no request, and starts and stops a
/// queue-triggered function's by its queue.
/// </summary>
public sealed class FunctionPool(string name, FunctionOptions options, ActivatorMetrics metrics, ILogger<FunctionPool> logger)
{
    /// <summary>
    /// Asks a starting instance's /health, plainly: the services' default client would retry a refused connection with
    /// backoff, and an instance ready in 1.5 s would be seen ready a second or two later.
    /// </summary>
    private static readonly HttpClient Health = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(1) })
    {
        Timeout = TimeSpan.FromSeconds(5), // one probe; a slower one is asked again until the start timeout
    };

    private readonly Lock sync = new();
    private readonly List<FunctionInstance> ready = [];
    private readonly Queue<(long At, int InFlight)> samples = new();
    private readonly Queue<(long At, int Wanted)> queueWanted = new(); // a queue function's wants over the stable window
    private readonly StartBackoff backoff = new();
    private Task<FunctionInstance>? starting;
    private int started;
    private int coldStarts;
    private long lastActivity = Stopwatch.GetTimestamp(); // the last request's arrival or end, or the last tick its queue had messages

    public string Name => name;

    public FunctionOptions Options => options;

    /// <summary>How long its last instance took from spawn to ready.</summary>
    public TimeSpan? LastColdStart { get; private set; }

    /// <summary>How many instances have become ready since the activator started.</summary>
    public int ColdStarts => Volatile.Read(ref coldStarts);

    public int Instances
    {
        get
        {
            lock (sync)
                return ready.Count;
        }
    }

    public int InFlight
    {
        get
        {
            lock (sync)
                return ready.Sum(instance => instance.InFlight);
        }
    }

    /// <summary>Changes its scaling at run time; the next tick and the next request follow the new settings.</summary>
    public void Rescale(Admin.FunctionScalingChange change)
    {
        lock (sync)
            change.ApplyTo(options);
    }

    /// <summary>An instance for one request; disposing the lease ends the request. Throws <see cref="FunctionUnavailableException"/> when none could be started.</summary>
    public async Task<Lease> AcquireAsync(CancellationToken ct)
    {
        Task<FunctionInstance> coming;
        lock (sync)
        {
            lastActivity = Stopwatch.GetTimestamp();
            ready.RemoveAll(instance => instance.HasExited); // killed or crashed: its requests failed, the next go elsewhere
            var least = ready.MinBy(instance => instance.InFlight);
            if (least is not null && least.InFlight < options.TargetConcurrency)
                return new Lease(this, least);
            if (starting is null && ready.Count < options.MaxInstances)
                starting = StartAsync();
            if (least is not null)
                return new Lease(this, least); // over the target while another starts, or at the maximum: it queues here
            coming = starting!;
        }
        try
        {
            return new Lease(this, await coming.WaitAsync(options.StartTimeout, ct)) { WaitedForStart = true };
        }
        catch (TimeoutException)
        {
            throw new FunctionUnavailableException(name, $"no instance of {name} was ready within {options.StartTimeout.TotalSeconds:0} s");
        }
        catch (InstanceFailedException failed)
        {
            throw new FunctionUnavailableException(name, failed.Message);
        }
    }

    /// <summary>
    /// One autoscaler tick: the instances the rule wants. An HTTP function's come from the stable window's average
    /// load (<see cref="ScaleRule.ForConcurrency"/>), a queue-triggered one's from its queue (<paramref name="queue"/>,
    /// <see cref="ScaleRule.ForQueue"/>), stabilised over the stable window (<see cref="ScaleRule.Stabilized"/>). One
    /// more is started if it wants more (one start at a time, as for requests); the longest idle are stopped if it
    /// wants fewer.
    /// </summary>
    public async Task ScaleAsync(QueueReading? queue = null)
    {
        List<FunctionInstance> stopping;
        bool toZero;
        lock (sync)
        {
            var now = Stopwatch.GetTimestamp();
            if (ready.RemoveAll(instance => instance.HasExited) > 0)
                Failed(); // exited on its own: a crash, or a function that cannot run
            if (queue is { Exists: false } or { Messages: > 0 } or { Delivered: true })
                lastActivity = now;
            samples.Enqueue((now, ready.Sum(instance => instance.InFlight)));
            while (Stopwatch.GetElapsedTime(samples.Peek().At, now) > options.StableWindow)
                samples.Dequeue();
            var idle = Stopwatch.GetElapsedTime(lastActivity, now);
            var wanted = queue is null
                ? ScaleRule.ForConcurrency(samples.Average(sample => sample.InFlight), options.TargetConcurrency, idle, options.ScaleToZeroGrace, options.MaxInstances)
                : QueueWanted(now, ScaleRule.ForQueue(queue, options.QueueLength, ready.Count + (starting is null ? 0 : 1), idle, options.ScaleToZeroGrace, options.MaxInstances));
            if (wanted > ready.Count && starting is null && backoff.MayStart(Stopwatch.GetElapsedTime(0, now)))
                StartInBackground();
            stopping = [.. ready.Where(instance => instance.InFlight == 0).OrderBy(instance => instance.IdleSince).Take(Math.Max(0, ready.Count - wanted))];
            ready.RemoveAll(stopping.Contains);
            toZero = ready.Count == 0;
        }
        foreach (var instance in stopping)
        {
            logger.LogInformation(queue is null ? "Stopping {Instance}: the load of the last {Window} s needs fewer instances"
                : "Stopping {Instance}: its queue has needed fewer for {Window} s", instance.Name,
                (queue is null || !toZero ? options.StableWindow : options.ScaleToZeroGrace).TotalSeconds);
            await instance.DisposeAsync();
            metrics.Stopped(name);
        }
    }

    /// <summary>What the queue's rule wants now, stabilised over the stable window (<see cref="ScaleRule.Stabilized"/>). Under the lock.</summary>
    private int QueueWanted(long now, int wanted)
    {
        while (queueWanted.TryPeek(out var oldest) && Stopwatch.GetElapsedTime(oldest.At, now) > options.StableWindow)
            queueWanted.Dequeue();
        var stabilized = ScaleRule.Stabilized(wanted, queueWanted.Count == 0 ? 0 : queueWanted.Max(sample => sample.Wanted));
        if (stabilized == 0)
            queueWanted.Clear(); // deactivated: the next activation starts from one, by the queue
        queueWanted.Enqueue((now, wanted));
        return stabilized;
    }

    /// <summary>Stops every instance, as the activator stops.</summary>
    public async Task StopAllAsync()
    {
        List<FunctionInstance> all;
        lock (sync)
        {
            all = [.. ready];
            ready.Clear();
        }
        await Task.WhenAll(all.Select(instance => instance.DisposeAsync().AsTask()));
    }

    /// <summary>
    /// Starts an instance no request waits for (a queue's, or one the window's load wants); a failure is logged by the
    /// start and delays the next such start (<see cref="StartBackoff"/>). A request still starts one at once: it asks.
    /// </summary>
    private void StartInBackground()
    {
        starting = StartAsync();
        starting.ContinueWith(failed => _ = failed.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
    }

    private async Task<FunctionInstance> StartAsync()
    {
        await Task.Yield(); // out of the lock
        var number = Interlocked.Increment(ref started);
        using var span = ActivatorMetrics.Source.StartActivity($"cold start {name}");
        span?.SetTag("function", name);
        var clock = Stopwatch.StartNew();
        var instance = FunctionInstance.Spawn($"{name}-{number}", Path.GetFullPath(options.Assembly));
        span?.AddEvent(new ActivityEvent("spawned"));
        try
        {
            await instance.WaitReadyAsync(Health, options.StartTimeout, CancellationToken.None);
        }
        catch (Exception failure)
        {
            span?.SetStatus(ActivityStatusCode.Error, failure.Message);
            logger.LogError(failure, "The instance {Instance} of {Function} did not start", instance.Name, name);
            await instance.DisposeAsync();
            lock (sync)
            {
                starting = null;
                Failed();
            }
            throw;
        }
        span?.AddEvent(new ActivityEvent("ready"));
        metrics.Started(name, clock.Elapsed);
        LastColdStart = clock.Elapsed;
        Interlocked.Increment(ref coldStarts);
        logger.LogInformation("Started {Instance} in {Milliseconds:0} ms", instance.Name, clock.Elapsed.TotalMilliseconds);
        lock (sync)
        {
            ready.Add(instance);
            starting = null;
        }
        return instance;
    }

    /// <summary>Under the lock.</summary>
    private void Failed()
    {
        backoff.Failed(Stopwatch.GetElapsedTime(0));
        logger.LogWarning("The autoscaler starts {Function} again in {Seconds:0} s at the earliest: its instances have failed {Failures} times in a row",
            name, backoff.Delay.TotalSeconds, backoff.Failures);
    }

    private void Forwarding(int delta)
    {
        metrics.Forwarding(name, delta);
        if (delta < 0)
            lock (sync)
                lastActivity = Stopwatch.GetTimestamp(); // the grace runs from the last request's end, not its arrival
    }

    /// <summary>A request's hold on an instance.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly FunctionPool pool;
        private int ended;

        internal Lease(FunctionPool pool, FunctionInstance instance)
        {
            (this.pool, Instance) = (pool, instance);
            instance.Enter();
            pool.Forwarding(+1);
        }

        public FunctionInstance Instance { get; }

        /// <summary>The request waited for this instance to start: a cold start, whose span is a child of the request's.</summary>
        public bool WaitedForStart { get; init; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref ended, 1) == 1)
                return;
            Instance.Leave();
            pool.Forwarding(-1);
        }
    }
}

/// <summary>No instance of the function could serve the request: 503 problem+json with Retry-After.</summary>
public sealed class FunctionUnavailableException(string function, string detail) : Exception(detail)
{
    public string Function { get; } = function;
}
