using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Analytics.Domain;

namespace Platform.Analytics.Infrastructure.Log;

/// <summary>
/// A record of the analytics log: what analytics counts of one integration event (ids, kind, time, amount), never a
/// name or an address (ADR 0038). A stream keeps a record until its retention drops it and cannot delete one, so it
/// must hold nothing an erasure would have to forget.
/// </summary>
public static class AnalyticsFacts
{
    public const string ContentType = "application/vnd.platform.analytics-fact+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static byte[] Write(AnalyticsEvent fact) => JsonSerializer.SerializeToUtf8Bytes(fact, Json);

    /// <summary>The record's fact; throws <see cref="JsonException"/> for a record that is not one.</summary>
    public static AnalyticsEvent Read(ReadOnlyMemory<byte> record) =>
        JsonSerializer.Deserialize<AnalyticsEvent>(record.Span, Json) ?? throw new JsonException("An empty analytics record.");
}
