using System.Security.Cryptography;

namespace Platform.Chat.Domain;

/// <summary>
/// The id of two users' direct conversation, the same whoever opens it and on whichever instance: a name-based UUID
/// (RFC 9562, version 5) of the two ids in order, so that two users opening it at once open one room, whose stream
/// the event store creates once.
/// </summary>
public static class DirectConversation
{
    /// <summary>This application's namespace for the names (itself a version 4 UUID, fixed once).</summary>
    private static readonly Guid Namespace = new("6f1c2a4e-8d53-4b0e-9a51-3c7e0d2b9f14");

    public static Guid IdOf(Guid one, Guid other)
    {
        var (first, second) = one.CompareTo(other) <= 0 ? (one, other) : (other, one);
        Span<byte> name = stackalloc byte[48];
        Namespace.TryWriteBytes(name[..16], bigEndian: true, out _);
        first.TryWriteBytes(name[16..32], bigEndian: true, out _);
        second.TryWriteBytes(name[32..], bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(name, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // the RFC's variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
