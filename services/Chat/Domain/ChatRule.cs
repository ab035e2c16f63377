namespace Platform.Chat.Domain;

/// <summary>The chat's rules, each with a stable name that a refusal (problem+json, or the hub's error) carries.</summary>
public static class ChatRule
{
    public const string RoomExists = "room-exists";
    public const string RoomIdIsUnique = "room-id-is-unique";
    public const string RoomIsNamed = "room-is-named";
    public const string MembersOnly = "members-only";
    public const string TextIsNotEmpty = "text-is-not-empty";
    public const string TextWithinLimit = "text-within-limit";
    public const string MessageIdIsUnique = "message-id-is-unique";
    public const string MessageIsInTheRoom = "message-is-in-the-room";
    public const string OwnMessagesOnly = "own-messages-only";
    public const string DeletedMessagesStayDeleted = "deleted-messages-stay-deleted";
    public const string DirectConversationsKeepTheirTwo = "direct-conversations-keep-their-two";
    public const string NotWithOneself = "not-with-oneself";
    public const string PositionWithinRoom = "position-within-room";
    public const string SearchIsWorded = "search-is-worded";

    /// <summary>A moderation plugin refused the message (the plugins' hooks, not the domain, decide this one).</summary>
    public const string ModerationAllows = "moderation-allows";

    /// <summary>The longest message, in characters (Slack's limit is 40,000; Discord's 2,000 or 4,000).</summary>
    public const int MaxTextLength = 4_000;

    public const int MaxNameLength = 100;
}

/// <summary>A command would break one of the chat's rules; nothing was changed.</summary>
public sealed class ChatRuleBrokenException(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;

    public static void ThrowUnless(bool holds, string rule, string message)
    {
        if (!holds)
            throw new ChatRuleBrokenException(rule, message);
    }
}
