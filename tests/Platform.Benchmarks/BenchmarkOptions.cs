namespace Platform.Benchmarks;

/// <summary>Where the running system is and how hard to push it; every value has a default for ./run.sh.</summary>
public sealed record BenchmarkOptions(string Mode, Uri Gateway, string Postgres, Uri RabbitMq, int[] Concurrency, TimeSpan Duration, int Users, int Events)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var mode = args.FirstOrDefault() is { } first && !first.StartsWith("--", StringComparison.Ordinal) ? first : "registrations";
        var values = args.SkipWhile(arg => !arg.StartsWith("--", StringComparison.Ordinal)).Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1]);
        return new BenchmarkOptions(
            mode,
            new Uri(values.GetValueOrDefault("gateway", "http://localhost:8080")),
            values.GetValueOrDefault("postgres", "Host=127.0.0.1;Port=54320;Username=postgres"),
            new Uri(values.GetValueOrDefault("rabbitmq", "amqp://guest:guest@127.0.0.1:56720")),
            values.GetValueOrDefault("concurrency", "1,8,32").Split(',').Select(int.Parse).ToArray(),
            TimeSpan.FromSeconds(double.Parse(values.GetValueOrDefault("seconds", "10"), System.Globalization.CultureInfo.InvariantCulture)),
            int.Parse(values.GetValueOrDefault("users", "100000"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("events", mode == "replay" ? "100000" : "10000"), System.Globalization.CultureInfo.InvariantCulture));
    }

    public string Database(string name) => $"{Postgres};Database={name};Maximum Pool Size=200";
}
