using System.Text.RegularExpressions;

namespace Platform.Plugins.Examples;

/// <summary>
/// The chat's example moderation plugin: refuses a message that contains a blocked word, whole and in any case.
/// The words are its setting <c>Plugins:word-filter:Settings:Words</c> (comma-separated); without it, a short demo list.
/// </summary>
public sealed class WordFilterPlugin : IPrePostHook
{
    public const string DefaultWords = "spam,scam";

    private readonly Regex blocked;

    public WordFilterPlugin() : this(PluginContext.Empty)
    {
    }

    public WordFilterPlugin(PluginContext context)
    {
        Words = (context.Setting("Words") ?? DefaultWords).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        blocked = new Regex($@"\b({string.Join('|', Words.Select(Regex.Escape))})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100));
    }

    public string Name => "word-filter";

    public IReadOnlyList<string> Words { get; }

    public Task<HookVerdict> BeforePostAsync(MessageCandidate message, CancellationToken cancellationToken) =>
        Task.FromResult(Words.Count > 0 && blocked.Match(message.Text) is { Success: true } found
            ? HookVerdict.Reject($"the word '{found.Value}' is not allowed here")
            : HookVerdict.Allow);
}
