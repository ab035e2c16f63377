using Marten;
using OpenIddict.Abstractions;
using Platform.UserCommand.Application.ErasingUser;
using Platform.UserCommand.Domain;
using Platform.UserCommand.Infrastructure.EventStore;
using Platform.UserCommand.Infrastructure.Identity;

namespace Platform.UserCommand.Infrastructure.Erasure;

/// <summary>
/// An erasure in user-command's stores: the account and the idempotency keys go with the commit that records
/// <see cref="PersonalDataErased"/> (the request's session, which the unit of work commits); the stream's stored events
/// are then rewritten by Marten's event data masking with the rules of <see cref="UserStoreMasking"/>; OpenIddict revokes
/// the user's refresh tokens and authorizations.
/// </summary>
public sealed class MartenPersonalDataEraser(
    IDocumentSession session, IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations) : IPersonalDataEraser
{
    public void EnlistRemovalsOf(Guid userId)
    {
        session.Delete<AccountDocument>(userId);
        session.DeleteWhere<IdempotencyKeyDocument>(key => key.UserId == userId);
    }

    public Task MaskHistoryAsync(Guid userId, CancellationToken ct) =>
        session.DocumentStore.Advanced.ApplyEventDataMasking(masking => masking.IncludeStream(userId), ct);

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
