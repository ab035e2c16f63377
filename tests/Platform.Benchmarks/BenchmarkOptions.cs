using System.Globalization;
using System.Text.Json;

namespace Platform.Benchmarks;

/// <summary>
/// What to run and how hard. Where the dev run listens comes from the AppHost's own settings (AppHost/appsettings.json:
/// the gateway's port and the servers' ports), so against ./run.sh no option is needed; every value can be overridden.
/// </summary>
public sealed record BenchmarkOptions(
    string Mode, Uri Gateway, string Postgres, Uri RabbitMq, int SmtpPort, int[] Concurrency, TimeSpan Duration,
    int Users, int Events, int Messages, int Mails, string[] Only, string? Markdown, int Rounds, int Clients, int[] Rates, Uri Dashboard, int[] OrderRates)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var mode = args.FirstOrDefault() is { } first && !first.StartsWith("--", StringComparison.Ordinal) ? first : "suite";
        var values = args.SkipWhile(arg => !arg.StartsWith("--", StringComparison.Ordinal)).Chunk(2).Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1]);
        var apphost = AppHostPorts.Read();
        string Value(string key, string fallback) => values.GetValueOrDefault(key, fallback);
        int Number(string key, int fallback) => int.Parse(Value(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new BenchmarkOptions(
            mode,
            new Uri(Value("gateway", $"http://localhost:{apphost.Gateway}")),
            Value("postgres", $"Host=127.0.0.1;Port={apphost.Postgres};Username=postgres"),
            new Uri(Value("rabbitmq", $"amqp://guest:guest@127.0.0.1:{apphost.RabbitMq}")),
            Number("smtp-port", apphost.Smtp),
            Value("concurrency", "1,8,32").Split(',').Select(int.Parse).ToArray(),
            TimeSpan.FromSeconds(double.Parse(Value("seconds", mode == "sustained" ? "60" : "10"), CultureInfo.InvariantCulture)),
            Number("users", 100_000),
            Number("events", mode is "replay" or "suite" ? 100_000 : 10_000),
            Number("messages", 20_000),
            Number("mails", 1_000),
            Value("only", "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            values.GetValueOrDefault("markdown"),
            Number("rounds", 10),
            Number("clients", 200),
            Value("rates", "25,50,100,150,200").Split(',').Select(int.Parse).ToArray(),
            new Uri(Value("dashboard", "http://localhost:18888")), // the AppHost's launch profile (applicationUrl)
            Value("order-rates", "5,10,20,40").Split(',').Select(int.Parse).ToArray());
    }

    public string Database(string name) => $"{Postgres};Database={name};Maximum Pool Size=200";

    /// <summary>The fixed ports of a dev run, as the AppHost's settings name them (the defaults if the file is not found).</summary>
    private sealed record AppHostPorts(int Gateway, int Postgres, int RabbitMq, int Smtp)
    {
        public static AppHostPorts Read()
        {
            var file = Path.Combine(AppContext.BaseDirectory, "../../../../../AppHost/appsettings.json") is var besideBuild && File.Exists(besideBuild)
                ? besideBuild
                : "AppHost/appsettings.json";
            if (!File.Exists(file))
                return new AppHostPorts(8080, 54320, 56720, 2525);
            using var json = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var infrastructure = json.RootElement.GetProperty("Infrastructure");
            return new AppHostPorts(
                json.RootElement.GetProperty("Gateway").GetProperty("Port").GetInt32(),
                infrastructure.GetProperty("PostgresPort").GetInt32(),
                infrastructure.GetProperty("RabbitMqPort").GetInt32(),
                infrastructure.GetProperty("SmtpPort").GetInt32());
        }
    }
}
