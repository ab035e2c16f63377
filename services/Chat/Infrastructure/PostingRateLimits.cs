using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Chat.Application.PostingMessage;

namespace Platform.Chat.Infrastructure;

public static class PostingLimitsExtensions
{
    /// <summary>Each user's posting allowance, from the "Chat:Posting" section.</summary>
    public static IHostApplicationBuilder AddPostingLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<PostingOptions>(builder.Configuration.GetSection("Chat:Posting"));
        builder.Services.AddSingleton<IPostingRate, PostingRateLimits>();
        return builder;
    }
}

/// <summary>The "Chat:Posting" section: a token bucket per user (Slack allows about one message a second per channel, in bursts).</summary>
public sealed class PostingOptions
{
    public int Burst { get; set; } = 20;

    public int PerSecond { get; set; } = 5;
}

/// <summary>
/// Each user's allowance in this instance: a token bucket from System.Threading.RateLimiting, partitioned by user. A
/// user whose clients reach both instances has both instances' allowance; the gateway's per-client limit bounds the rest.
/// </summary>
public sealed class PostingRateLimits(IOptions<PostingOptions> options) : IPostingRate, IDisposable
{
    private readonly PartitionedRateLimiter<Guid> limiter = PartitionedRateLimiter.Create<Guid, Guid>(user =>
        RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.Burst,
            TokensPerPeriod = options.Value.PerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public bool TryTake(Guid user, out TimeSpan retryAfter)
    {
        using var lease = limiter.AttemptAcquire(user);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
