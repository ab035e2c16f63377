using JasperFx;
using Platform.Chat.Domain;
using Platform.EventStore.UnitOfWork;

namespace Platform.Chat.Infrastructure;

/// <summary>
/// A message inserted under an id another message took in the same instant, in another room (the decider refuses
/// the sequential case; a race in one room loses on the stream's version first): the id is taken, as the rule says.
/// </summary>
public sealed class ChatStoreFailures : IStoreFailures<Room>
{
    public Exception? Translate(Exception failure) => failure is DocumentAlreadyExistsException { DocType: var type } && type == typeof(ChatMessage)
        ? new ChatRuleBrokenException(ChatRule.MessageIdIsUnique, "Another message has this id: a resend carries the same room, author and text.")
        : null;
}
