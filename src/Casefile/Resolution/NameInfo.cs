namespace Casefile.Resolution;

/// <summary>
/// What the organisation and place rules compare, computed once per spelling and cached per thread: the
/// normalised name, its words (without a leading "the"), their spelling keys, the sorted keys of its
/// content words, and the letters an acronym of it would have.
/// </summary>
internal sealed class NameInfo
{
    private static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "the", "and", "for", "on", "in", "at", "&", "to", "de", "du", "des", "la", "le",
    };

    [ThreadStatic]
    private static Dictionary<string, NameInfo>? _cache;

    private NameInfo(string text)
    {
        Norm = DocumentResolution.NormName(text);
        var words = text.Split([' ', '\n', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && words[0] is "the" or "The")
        {
            words.RemoveAt(0);
        }

        Words = words;
        WordKeys = [.. words.Select(NameMatcher.Key)];
        var content = words.Where(w => !IsFunctionWord(w)).ToList();
        ContentCount = content.Count;
        ContentKeys = string.Join('|', content.Select(NameMatcher.Key).Order(StringComparer.Ordinal));
        static char Initial(string w) => char.ToUpperInvariant(w[0]);
        AcronymForms = words.Count < 2
            ? []
            : [
                string.Concat(content.Select(Initial)),
                string.Concat(words.Where(w => w is not ("the" or "The")).Select(Initial)),
                string.Concat(content.SelectMany(w => w.Split('-', StringSplitOptions.RemoveEmptyEntries)).Select(Initial)),
            ];
    }

    public string Norm { get; }

    public IReadOnlyList<string> Words { get; }

    public string[] WordKeys { get; }

    /// <summary>Sorted spelling keys of the content words, joined with "|".</summary>
    public string ContentKeys { get; }

    public int ContentCount { get; }

    /// <summary>Initials of the content words, of all words but "the", and of hyphen parts ("Anti-Corruption" → AC).</summary>
    public string[] AcronymForms { get; }

    public static bool IsFunctionWord(string word) => FunctionWords.Contains(word);

    public static NameInfo Of(string text)
    {
        var cache = _cache ??= new Dictionary<string, NameInfo>(StringComparer.Ordinal);
        if (cache.TryGetValue(text, out var known))
        {
            return known;
        }

        if (cache.Count > 20_000)
        {
            cache.Clear();
        }

        return cache[text] = new NameInfo(text);
    }
}
