namespace Platform.EndToEndTests.Infrastructure;

/// <summary>Polls an eventually consistent condition until it holds or the deadline passes.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<(bool Found, T Value)>> probe, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var (found, value) = await probe();
            if (found)
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not within {within.TotalSeconds:0.#} s: {what}");
            await Task.Delay(50);
        }
    }

    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string what) =>
        GetAsync(async () => (await condition(), true), within, what);
}
