namespace Platform.EventStore.Sharding;

/// <summary>
/// What a stream holds in one database, to compare a bucket's copy with its source: the number of events, the
/// highest version, and an MD5 of every event's id, version, type, timestamp and data, in version order.
/// </summary>
public sealed record StreamDigest(Guid StreamId, long Events, long Version, string Hash);
