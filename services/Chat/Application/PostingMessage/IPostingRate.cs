namespace Platform.Chat.Application.PostingMessage;

/// <summary>How fast one user may post new messages (a resend of one already posted is free).</summary>
public interface IPostingRate
{
    /// <summary>Takes one post from the user's allowance; false, with how long until the next, when it is spent.</summary>
    bool TryTake(Guid user, out TimeSpan retryAfter);
}

/// <summary>The user posts faster than their allowance: nothing was posted; try again after <see cref="RetryAfter"/>.</summary>
public sealed class PostingTooFastException(TimeSpan retryAfter)
    : Exception($"Too many messages: try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
