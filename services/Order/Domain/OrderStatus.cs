namespace Platform.Ordering.Domain;

public enum OrderStatus
{
    /// <summary>Lines may be added and removed.</summary>
    Draft,

    /// <summary>The customer confirmed: lines are final and the workflow (stock, payment) runs.</summary>
    Submitted,

    /// <summary>Stock reserved and payment charged: the order stands. Final.</summary>
    Confirmed,

    /// <summary>A step failed or timed out and what was done was undone. Final.</summary>
    Cancelled,

    /// <summary>
    /// The workflow could not undo what it did (its compensation failed) or has not ended within its deadline: a
    /// person must look. Admins list these and retry the compensation; a workflow that ends after all still ends it.
    /// </summary>
    NeedsAttention,
}
