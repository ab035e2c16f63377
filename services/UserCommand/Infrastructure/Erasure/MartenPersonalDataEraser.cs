using Marten;
using OpenIddict.Abstractions;
using Platform.UserCommand.Application.ErasingUser;
using Platform.UserCommand.Domain;
using Platform.UserCommand.Infrastructure.UserDirectory;
using Platform.UserCommand.Infrastructure.Identity;
using Platform.UserCommand.Infrastructure.Sharding;

namespace Platform.UserCommand.Infrastructure.Erasure;

/// <summary>
/// An erasure in user-command's stores: once the stream records <see cref="PersonalDataErased"/>, the directory forgets
/// the user's account, idempotency keys and email reservations (the address is free again); the stream's stored events
/// are rewritten by Marten's event data masking with the rules of <see cref="UserStoreMasking"/>, in the user's bucket;
/// OpenIddict revokes the user's refresh tokens and authorizations.
/// </summary>
public sealed class MartenPersonalDataEraser(
    IUserDirectory directory, IDocumentStore store, IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations) : IPersonalDataEraser
{
    public async Task ForgetInDirectoryAsync(Guid userId, CancellationToken ct)
    {
        await using var session = directory.LightweightSession();
        session.Delete<AccountDocument>(userId);
        session.DeleteWhere<IdempotencyKeyDocument>(key => key.UserId == userId);
        session.DeleteWhere<EmailReservation>(reservation => reservation.UserId == userId);
        await session.SaveChangesAsync(ct);
    }

    public Task MaskHistoryAsync(Guid userId, CancellationToken ct) =>
        store.Advanced.ApplyEventDataMasking(masking => masking.ForTenant(UserBuckets.TenantOf(userId)).IncludeStream(userId), ct);

    public async Task RevokeTokensAsync(Guid userId, CancellationToken ct)
    {
        await tokens.RevokeBySubjectAsync(userId.ToString(), ct);
        await authorizations.RevokeBySubjectAsync(userId.ToString(), ct);
    }
}

/// <summary>The user store's masking rules: what an erased user's stored events keep of their name and addresses (nothing).</summary>
public static class UserStoreMasking
{
    public static void AddPersonalDataMasking(this StoreOptions options)
    {
        options.Events.AddMaskingRuleForProtectedInformation<UserCreated>(created => created with { Name = PersonalData.Erased, Email = PersonalData.Erased });
        options.Events.AddMaskingRuleForProtectedInformation<EmailUpdated>(updated => updated with { PreviousEmail = PersonalData.Erased, NewEmail = PersonalData.Erased });
        options.Events.AddMaskingRuleForProtectedInformation<EmailChangeRequested>(requested => requested with { NewEmail = PersonalData.Erased });
    }
}
