using Platform.Benchmarks;

// Measures the running system (./run.sh) against its raw floor, in the same run, on the same machine.
// ./bench.sh                 registrations, read-model lag
// ./bench.sh search          search at --users (100,000) users
// ./bench.sh snapshots       loading a user of --events (10,000) events, with and without a snapshot
// ./bench.sh gateway         the gateway's overhead: a read and registrations, through it and straight to the service
// ./bench.sh replay          the Kappa replay over --events (100,000) events, against a bare read of the same stream
var options = BenchmarkOptions.Parse(args);
await (options.Mode switch
{
    "search" => SearchBenchmark.RunAsync(options),
    "snapshots" => SnapshotBenchmark.RunAsync(options),
    "gateway" => GatewayOverheadBenchmark.RunAsync(options),
    "replay" => ReplayBenchmark.RunAsync(options),
    _ => RegistrationBenchmark.RunAsync(options),
});
