using System.Security.Cryptography;
using Npgsql;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Infrastructure.Payments;

/// <summary>How the simulator answers a charge on a card, fixed when the card is tokenized.</summary>
public enum CardBehaviour
{
    Charges,
    Declines,

    /// <summary>Answers only after the simulator's slow-card delay, later than the workflow waits.</summary>
    Slow,
}

/// <summary>
/// The simulator's token vault (migration V3__card_tokens.sql): a random token for each card it is given, with the
/// brand, the last four digits and the behaviour its test rules give the number. The number itself is not kept.
/// </summary>
public sealed class CardVault([FromKeyedServices(OrderStoreExtensions.DatabaseName)] NpgsqlDataSource database)
{
    public async Task<PaymentMethod> IssueAsync(string digits, CardBehaviour behaviour, CancellationToken cancellationToken)
    {
        var method = new PaymentMethod($"tok_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}", PaymentCard.Brand(digits), PaymentCard.LastFour(digits));
        await using var command = database.CreateCommand("INSERT INTO payments.card_tokens (token, brand, last4, behaviour) VALUES ($1, $2, $3, $4)");
        command.Parameters.Add(new() { Value = method.Token });
        command.Parameters.Add(new() { Value = method.Brand });
        command.Parameters.Add(new() { Value = method.Last4 });
        command.Parameters.Add(new() { Value = behaviour.ToString() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return method;
    }

    /// <summary>The behaviour of the card behind <paramref name="token"/>; null for a token the vault never issued.</summary>
    public async Task<CardBehaviour?> BehaviourAsync(string token, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT behaviour FROM payments.card_tokens WHERE token = $1");
        command.Parameters.Add(new() { Value = token });
        return await command.ExecuteScalarAsync(cancellationToken) is string behaviour ? Enum.Parse<CardBehaviour>(behaviour) : null;
    }
}
