namespace Platform.UserCommand.Domain;

/// <summary>
/// The user as a decider: <c>Decide(command, state) → events</c> (or a refusal by a named rule) and
/// <c>Evolve(state, event) → state</c>, both pure. (They live beside <see cref="User"/> rather than on it: Marten's
/// source generator takes a method named Evolve on an aggregate for its own convention.)
/// </summary>
public static class UserDecider
{
    public static IReadOnlyList<object> Decide(User.Register command, User? state)
    {
        if (state is not null)
            throw new InvalidUserDataException("id", $"User '{state.Id}' is already registered.");
        if (command.UserId == Guid.Empty)
            throw new InvalidUserDataException("id", "A user needs a non-empty id.");
        return [new UserCreated(command.UserId, command.Name.Value, command.Email.Value)];
    }

    /// <summary>The same address again records nothing.</summary>
    public static IReadOnlyList<object> Decide(User.ChangeEmail command, User? state)
    {
        if (state is null)
            throw new InvalidUserDataException("id", "Only a registered user can change its email.");
        return command.NewEmail.Value == state.Email ? [] : [new EmailUpdated(state.Id, state.Email, command.NewEmail.Value)];
    }

    /// <summary>The address the user has already is no change; another replaces any request still pending.</summary>
    public static IReadOnlyList<object> Decide(User.RequestEmailChange command, User? state)
    {
        if (state is null)
            throw new InvalidUserDataException("id", "Only a registered user can change its email.");
        return command.NewEmail.Value == state.Email ? [] : [new EmailChangeRequested(state.Id, command.NewEmail.Value, command.At)];
    }

    public static IReadOnlyList<object> Decide(User.ConfirmEmailChange command, User? state) =>
        state?.Pending is { } pending
            ? [new EmailUpdated(state.Id, state.Email, pending.Email)]
            : throw new InvalidOperationException("No email change is pending: the handler checks the code against the pending change first.");

    /// <summary>Erasing an erased user again records nothing (a retry finishes the masking, see the handler).</summary>
    public static IReadOnlyList<object> Decide(User.Erase command, User? state) =>
        state is null ? throw new InvalidUserDataException("id", "Only a registered user can be erased.")
        : state.Erased ? []
        : [new PersonalDataErased(state.Id, command.At)];

    /// <summary>The state after <paramref name="event"/>; its version counts the events folded.</summary>
    public static User Evolve(User? state, object @event) => (state, @event) switch
    {
        (null, UserCreated created) => new User(created.UserId, created.Name, created.Email, 1),
        ({ } user, EmailUpdated updated) => user with { Email = updated.NewEmail, Pending = null, Version = user.Version + 1 },
        ({ } user, PersonalDataErased) =>
            user with { Name = PersonalData.Erased, Email = PersonalData.Erased, Pending = null, Erased = true, Version = user.Version + 1 },
        ({ } user, EmailChangeRequested requested) =>
            user with { Pending = new PendingEmail(requested.NewEmail, user.Version + 1, requested.RequestedAt), Version = user.Version + 1 },
        _ => throw new InvalidOperationException(
            $"A user cannot evolve by {@event.GetType().Name} from {(state is null ? "nothing" : $"version {state.Version}")}."),
    };
}
