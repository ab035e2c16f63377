using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Platform.ServiceDefaults;

namespace Platform.Functions.Activator.Instances;

/// <summary>
/// One running instance of a function: a child process of the activator on a port of its own, with the activator's
/// environment (so the function reads the same configuration its service does), counted by its requests in flight.
/// </summary>
public sealed class FunctionInstance : IAsyncDisposable
{
    private const int OutputLines = 40;
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private int inFlight;

    private FunctionInstance(string name, Process process, Uri address)
    {
        (Name, this.process, Address) = (name, process, address);
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The function's name and the instance's number: register-user-3.</summary>
    public string Name { get; }

    public Uri Address { get; }

    public int InFlight => Volatile.Read(ref inFlight);

    public bool HasExited => process.HasExited;

    /// <summary>When its last request ended (or it became ready), for the autoscaler to stop the longest idle first.</summary>
    public long IdleSince { get; private set; } = Stopwatch.GetTimestamp();

    /// <summary>The last lines it printed: what a failed start reports.</summary>
    public string LastOutput => string.Join(Environment.NewLine, output);

    /// <summary>Starts <c>dotnet {assembly}</c> on a free local port, with this process's environment.</summary>
    public static FunctionInstance Spawn(string name, string assembly)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            // Held open and never written: the instance stops when the activator is gone, even killed (ExitWithParent).
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        // The activator's own endpoint and identity are not the instance's.
        foreach (var bound in new[] { "HTTP_PORTS", "HTTPS_PORTS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
            start.Environment.Remove(bound);
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_CONTENTROOT"] = start.WorkingDirectory;
        start.Environment["OTEL_SERVICE_NAME"] = name[..name.LastIndexOf('-')];
        start.Environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={name}";
        start.Environment[ExitWithParent.Variable] = ExitWithParent.StandardInput;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {assembly} did not start.");
        return new FunctionInstance(name, process, address);
    }

    /// <summary>Waits until its /health answers 200; throws with its last lines if it exits or stays unready past <paramref name="within"/>.</summary>
    public async Task WaitReadyAsync(HttpClient health, TimeSpan within, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (process.HasExited)
                throw new InstanceFailedException(Name, $"exited ({process.ExitCode}) while starting", LastOutput);
            try
            {
                using var answer = await health.GetAsync(new Uri(Address, "/health"), ct);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    IdleSince = Stopwatch.GetTimestamp();
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // one probe outlived the client's timeout: the host is up but its checks are slow; ask again
            }
            if (Stopwatch.GetTimestamp() > deadline)
                throw new InstanceFailedException(Name, $"was not ready within {within.TotalSeconds:0} s", LastOutput);
            await Task.Delay(TimeSpan.FromMilliseconds(25), ct);
        }
    }

    public void Enter() => Interlocked.Increment(ref inFlight);

    public void Leave()
    {
        if (Interlocked.Decrement(ref inFlight) == 0)
            IdleSince = Stopwatch.GetTimestamp();
    }

    /// <summary>SIGTERM, as Knative stops a pod: the instance finishes what it has and exits; killed if it has not within 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            using var wait = new CancellationTokenSource(StopWithin);
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        output.Enqueue(line);
        while (output.Count > OutputLines)
            output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>An instance that exited or stayed unready while starting: the request that waited for it gets 503.</summary>
public sealed class InstanceFailedException(string instance, string what, string output)
    : Exception($"The function instance {instance} {what}. Its last lines:{Environment.NewLine}{output}");
