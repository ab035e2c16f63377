using JasperFx;
using Platform.Chat.Domain;
using Platform.Chat.Infrastructure;

namespace Platform.Chat.Tests.Infrastructure;

/// <summary>
/// What the store's refusals mean to a poster: a message id another message took, in another room in the same
/// instant, is the rule <c>message-id-is-unique</c>; any other failure is not the chat's to name.
/// </summary>
public sealed class ChatStoreFailuresTests
{
    private readonly ChatStoreFailures failures = new();

    [Fact]
    public void A_message_id_taken_in_the_same_instant_is_the_unique_id_rule()
    {
        var taken = new DocumentAlreadyExistsException(new InvalidOperationException("23505"), typeof(ChatMessage), Guid.NewGuid());
        var broken = Assert.IsType<ChatRuleBrokenException>(failures.Translate(taken));
        Assert.Equal(ChatRule.MessageIdIsUnique, broken.Rule);
    }

    [Fact]
    public void Another_document_taken_or_another_failure_is_left_as_it_is()
    {
        Assert.Null(failures.Translate(new DocumentAlreadyExistsException(new InvalidOperationException("23505"), typeof(Room), Guid.NewGuid())));
        Assert.Null(failures.Translate(new TimeoutException()));
    }
}
