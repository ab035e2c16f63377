using Xunit;

namespace Platform.Testing;

/// <summary>
/// Given (the events of a stream) / When (a decision on a command) / Then (the events it causes, or the rule that
/// refuses it), for an aggregate written as a decider. The state the decision sees is the given events folded with
/// the aggregate's own evolve function, as the event store folds them.
/// </summary>
public sealed class DeciderSpec<TState>(Func<TState?, object, TState> evolve) where TState : class
{
    private readonly List<object> given = [];

    public DeciderSpec<TState> Given(params object[] events)
    {
        given.AddRange(events);
        return this;
    }

    public Decision When(Func<TState?, IReadOnlyList<object>> decide)
    {
        var state = State;
        try
        {
            return new Decision(decide(state), null);
        }
        catch (Exception refusal) when (refusal is not Xunit.Sdk.XunitException)
        {
            return new Decision(null, refusal);
        }
    }

    /// <summary>The state after the given events, for what Evolve alone decides.</summary>
    public TState? State => given.Aggregate((TState?)null, (current, @event) => evolve(current, @event));

    public sealed record Decision(IReadOnlyList<object>? Events, Exception? Refusal)
    {
        public void Then(params object[] expected)
        {
            if (Refusal is not null)
                Assert.Fail($"expected {expected.Length} event(s), but the decision was refused: {Refusal}");
            Assert.Equal(expected, Events!);
        }

        /// <summary>As <see cref="Then"/>, field by field: records compare the lists they carry by reference.</summary>
        public void ThenEquivalent(params object[] expected)
        {
            if (Refusal is not null)
                Assert.Fail($"expected {expected.Length} event(s), but the decision was refused: {Refusal}");
            Assert.Equal(expected.Select(@event => @event.GetType()), Events!.Select(@event => @event.GetType()));
            Assert.Equivalent(expected, Events!, strict: true);
        }

        public TRefusal ThenRefused<TRefusal>() where TRefusal : Exception
        {
            if (Refusal is null)
                Assert.Fail($"expected a refusal ({typeof(TRefusal).Name}), but the decision was: [{string.Join(", ", Events!)}]");
            return Assert.IsType<TRefusal>(Refusal);
        }
    }
}
