using Npgsql;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Every consumer of a registration, as its own database shows it: the read model's row, the order context's
/// customer, and the welcome mail the SMTP server accepted. Waiting for all three ends a phase only once the work the
/// registrations caused downstream is done, so the next phase starts clean and the CPU breakdown includes it. Each
/// poll asks only for the users still missing, so the waiting itself costs the servers little.
/// </summary>
public sealed class FanOut(BenchmarkOptions options) : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private readonly Consumer readModel = new("read-model rows", NpgsqlDataSource.Create(options.Database("userquery")),
        "SELECT id FROM user_query.user_profiles WHERE id = ANY($1)");

    private readonly Consumer[] others =
    [
        new("order customers", NpgsqlDataSource.Create(options.Database("order")), "SELECT id FROM orders.mt_doc_customer WHERE id = ANY($1)"),
        new("welcome mails", NpgsqlDataSource.Create(options.Database("email")),
            "SELECT user_id FROM email.mails WHERE user_id = ANY($1) AND purpose = 'Welcome' AND state = 'Sent'"),
    ];

    public Task WaitForReadModelAsync(IReadOnlyList<Guid> users, TimeSpan within) => readModel.WaitForAsync(users, within);

    public async Task WaitUntilHandledAsync(IReadOnlyList<Guid> users, TimeSpan within)
    {
        await readModel.WaitForAsync(users, within);
        foreach (var consumer in others)
            await consumer.WaitForAsync(users, within);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var consumer in others.Append(readModel))
            await consumer.Db.DisposeAsync();
    }

    private sealed record Consumer(string What, NpgsqlDataSource Db, string Found)
    {
        public async Task WaitForAsync(IReadOnlyList<Guid> users, TimeSpan within)
        {
            var missing = users.ToHashSet();
            await Until.TrueAsync(async () =>
            {
                await using var command = Db.CreateCommand(Found);
                command.Parameters.AddWithValue(missing.ToArray());
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    missing.Remove(reader.GetGuid(0));
                return missing.Count == 0;
            }, within, () => $"{users.Count:N0} {What} ({missing.Count:N0} still missing)", Poll);
        }
    }
}
