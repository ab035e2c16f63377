using CsCheck;
using Platform.Chat.Domain;

namespace Platform.Chat.Tests.Domain;

public sealed class DirectConversationTests
{
    [Fact]
    public void Both_users_open_the_same_conversation() =>
        Gen.Select(Gen.Guid, Gen.Guid).Sample((one, other) => DirectConversation.IdOf(one, other) == DirectConversation.IdOf(other, one));

    [Fact]
    public void Different_pairs_have_different_conversations() =>
        Gen.Select(Gen.Guid, Gen.Guid, Gen.Guid).Sample((one, other, third) =>
            third == one || third == other || DirectConversation.IdOf(one, other) != DirectConversation.IdOf(one, third));

    [Fact]
    public void The_id_is_a_version_5_uuid_and_does_not_change_between_releases()
    {
        var id = DirectConversation.IdOf(Guid.Parse("00000000-0000-0000-0000-000000000001"), Guid.Parse("00000000-0000-0000-0000-000000000002"));
        Assert.Equal(5, id.Version);
        Assert.Equal(id, DirectConversation.IdOf(Guid.Parse("00000000-0000-0000-0000-000000000002"), Guid.Parse("00000000-0000-0000-0000-000000000001")));
        Assert.Equal(Pinned, id); // rooms already stored carry this id: the function may never change
    }

    private static readonly Guid Pinned = Guid.Parse("be54c779-8cff-5393-87f4-c02ce7e436ce"); // Python's uuid.UUID(bytes=sha1(ns + a + b)[:16], version=5)
}
