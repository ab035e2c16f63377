using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Platform.Sharding;

/// <summary>
/// Hashes that are the same in every process, on every machine and in every release (XxHash64 over fixed bytes), so
/// every instance places a key on the same shard. Never <c>string.GetHashCode</c>, which is randomized per process.
/// </summary>
public static class StableHash
{
    public static ulong Of(string text) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text));

    public static ulong Of(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return XxHash64.HashToUInt64(bytes);
    }

    public static ulong Of(long value, long seed)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return XxHash64.HashToUInt64(bytes, seed);
    }
}
