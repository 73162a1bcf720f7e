using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Casefile.Pipeline;
using Casefile.Segmentation;

namespace Casefile.Ner;

/// <summary>
/// The name lists in data/gazetteers (countries, cities, first names, organisation words, person titles…),
/// compiled into the library. The tagger sees them only as features ("this token starts a country name"),
/// so a list may be incomplete or noisy. <see cref="Fingerprint"/> changes with any list; a model records
/// the fingerprint it was trained with.
/// </summary>
public sealed class Gazetteer
{
    private const string Prefix = "gazetteers/";
    private const string SuffixList = "surname-suffixes";
    private readonly Dictionary<string, Entry[]> _byFirst;
    private readonly Dictionary<string, Entry[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string[] _suffixes;

    private static readonly Lazy<Gazetteer> Shared = new(() => new Gazetteer(LoadResources()));

    /// <summary>The lists compiled into the library.</summary>
    public static Gazetteer Default => Shared.Value;

    internal readonly record struct Entry(string[] Words, int List);

    internal Gazetteer(IReadOnlyList<(string Name, string Content)> files)
        : this([.. files.Select(f => new Source(f.Name, f.Content, null))])
    {
    }

    /// <summary>A list's name and text, and the UTF-8 bytes of the text when they are at hand (they feed the fingerprint).</summary>
    private readonly record struct Source(string Name, string Content, byte[]? Utf8);

    private Gazetteer(Source[] files)
    {
        // Stable sort by name (a handful of lists).
        for (var i = 1; i < files.Length; i++)
        {
            for (var j = i; j > 0 && string.CompareOrdinal(files[j - 1].Name, files[j].Name) > 0; j--)
            {
                (files[j - 1], files[j]) = (files[j], files[j - 1]);
            }
        }

        var names = new string[files.Length];
        var suffixes = new List<string>();
        var chars = 0;
        foreach (var f in files)
        {
            chars += f.Content.Length;
        }

        var byFirst = new Dictionary<string, Entry[]>(chars / 24, StringComparer.OrdinalIgnoreCase);
        var grownKeys = new List<string>();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var list = 0; list < files.Length; list++)
        {
            var (name, content, utf8) = files[list];
            names[list] = name;
            sha.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            sha.AppendData(utf8 ?? Encoding.UTF8.GetBytes(content));
            sha.AppendData("\n"u8);
            if (name == SuffixList)
            {
                var rest = content.AsSpan();
                while (rest.Length > 0)
                {
                    if (NextPhrase(ref rest) is { Length: > 0 } phrase)
                    {
                        suffixes.Add(phrase.TrimStart('-').ToString().ToLowerInvariant());
                    }
                }
            }
            else
            {
                AddEntries(content, list, byFirst, grownKeys);
            }
        }

        TrimGroups(byFirst, grownKeys);

        ListNames = names;
        _byFirst = byFirst;
        _lookup = _byFirst.GetAlternateLookup<ReadOnlySpan<char>>();

        // Longest first, then ordinal; duplicates dropped.
        _suffixes = [.. new SortedSet<string>(suffixes, Comparer<string>.Create((x, y) => x.Length != y.Length ? y.Length - x.Length : string.CompareOrdinal(x, y)))];
        Fingerprint = Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
        Codes = new string[names.Length * 4];
        for (var c = 0; c < Codes.Length; c++)
        {
            Codes[c] = names[c >> 2] + ((c & 2) != 0 ? ":I" : ":B") + ((c & 1) != 0 ? ":c" : ":l");
        }
    }

    /// <summary>
    /// Adds the entries of one list to the groups by first word. Entries sharing a first word stay in list and
    /// file order, moved stably to longest first; <paramref name="grownKeys"/> collects the groups of more than one. Compiled fully optimised at once: it runs once per list,
    /// over tens of thousands of lines, before tiered compilation would get to it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddEntries(string content, int list, Dictionary<string, Entry[]> byFirst, List<string> grownKeys)
    {
        var rest = content.AsSpan();
        while (rest.Length > 0)
        {
            var phraseSpan = NextPhrase(ref rest);
            if (phraseSpan.Length == 0)
            {
                continue;
            }

            // Most entries are letters and spaces, which the tokenizer would split at the spaces; only the others need it.
            var plain = true;
            var spaces = false;
            foreach (var c in phraseSpan)
            {
                spaces |= c == ' ';
                plain &= c == ' ' || char.IsLetter(c);
            }

            var phrase = phraseSpan.ToString();
            var words = !plain ? TokenWords(phrase) : spaces ? phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [phrase];
            if (words.Length == 0)
            {
                continue;
            }

            var entry = new Entry(words, list);
            if (!byFirst.TryGetValue(words[0], out var group))
            {
                byFirst.Add(words[0], [entry]);
                continue;
            }

            // A group's array grows by doubling; the unused end (default entries) is cut off by TrimGroups.
            var count = group.Length;
            while (group[count - 1].Words is null)
            {
                count--;
            }

            var at = count;
            while (at > 0 && group[at - 1].Words.Length < words.Length)
            {
                at--;
            }

            if (count < group.Length)
            {
                Array.Copy(group, at, group, at + 1, count - at);
                group[at] = entry;
                continue;
            }

            var grown = new Entry[group.Length * 2];
            Array.Copy(group, grown, at);
            grown[at] = entry;
            Array.Copy(group, at, grown, at + 1, count - at);
            byFirst[words[0]] = grown;
            if (group.Length == 1)
            {
                grownKeys.Add(words[0]);
            }
        }
    }

    private static void TrimGroups(Dictionary<string, Entry[]> byFirst, List<string> grownKeys)
    {
        foreach (var key in grownKeys)
        {
            var group = byFirst[key];
            var count = group.Length;
            while (group[count - 1].Words is null)
            {
                count--;
            }

            byFirst[key] = group[..count];
        }
    }

    /// <summary>The words of a phrase as the tokenizer splits them.</summary>
    private static string[] TokenWords(string phrase)
    {
        var toks = Tokenizer.Tokenize(phrase);
        var words = new string[toks.Length];
        for (var k = 0; k < words.Length; k++)
        {
            words[k] = phrase[toks[k].Start..toks[k].End];
        }

        return words;
    }

    /// <summary>List names, in the order their indexes are used in match codes.</summary>
    public IReadOnlyList<string> ListNames { get; }

    public string Fingerprint { get; }

    /// <summary>Feature names of match codes ("cities:B:c").</summary>
    internal string[] Codes { get; }

    /// <summary>
    /// The entry on the next line of <paramref name="rest"/>, which moves past the line: the text before any tab,
    /// trimmed; empty for empty and comment ('#') lines. Lines end as for <see cref="MemoryExtensions.EnumerateLines(ReadOnlySpan{char})"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<char> NextPhrase(ref ReadOnlySpan<char> rest)
    {
        var end = 0;
        var tab = -1;
        for (; end < rest.Length; end++)
        {
            var c = rest[end];
            if (c is '\n' or '\r' or '\f' or '\u0085' or '\u2028' or '\u2029')
            {
                break;
            }

            if (c == '\t' && tab < 0)
            {
                tab = end;
            }
        }

        var line = rest[..end];
        var next = end < rest.Length - 1 && rest[end] == '\r' && rest[end + 1] == '\n' ? end + 2 : end + 1;
        rest = next >= rest.Length ? [] : rest[next..];
        return line.Length == 0 || line[0] == '#' ? [] : (tab >= 0 ? line[..tab] : line).Trim();
    }

    private static Source[] LoadResources()
    {
        var asm = typeof(Gazetteer).Assembly;
        var files = new List<Source>();
        foreach (var resource in asm.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = asm.GetManifestResourceStream(resource)
                ?? throw new CasefileException(ErrorCodes.LexiconError, $"gazetteer resource '{resource}' cannot be read; rebuild the library.");
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);

            // What a StreamReader would give: a UTF-8 byte order mark dropped. The bytes are hashed as they
            // are when they are exactly the UTF-8 of the text (valid UTF-8), as the fingerprint has always been.
            var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            var text = bytes.AsSpan(bom);
            var utf8 = !Utf8.IsValid(text) ? null : bom == 0 ? bytes : text.ToArray();
            files.Add(new Source(Path.GetFileNameWithoutExtension(resource[Prefix.Length..]), Encoding.UTF8.GetString(text), utf8));
        }

        return [.. files];
    }

    /// <summary>
    /// Marks every token that lies inside a list entry. For each list, entries are matched greedily left to
    /// right, longest first, ignoring case. A match code is <c>list * 4 + (inside ? 2 : 0) + (same case ? 1 : 0)</c>.
    /// </summary>
    public void Match(string[] tokens, List<int>[] codes)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            codes[i].Clear();
        }

        Span<int> nextFree = stackalloc int[ListNames.Count];
        nextFree.Clear();
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!_lookup.TryGetValue(tokens[i], out var candidates))
            {
                continue;
            }

            foreach (var e in candidates)
            {
                if (nextFree[e.List] > i || i + e.Words.Length > tokens.Length || !Matches(tokens, i, e.Words, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var sameCase = Matches(tokens, i, e.Words, StringComparison.Ordinal) ? 1 : 0;
                for (var k = 0; k < e.Words.Length; k++)
                {
                    codes[i + k].Add(e.List * 4 + (k > 0 ? 2 : 0) + sameCase);
                }

                nextFree[e.List] = i + e.Words.Length;
            }
        }
    }

    private static bool Matches(string[] tokens, int i, string[] words, StringComparison comparison)
    {
        for (var k = 0; k < words.Length; k++)
        {
            if (!tokens[i + k].Equals(words[k], comparison))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The one-word entries of a list (e.g. the titles "Mr.", "President"), ignoring case.</summary>
    public HashSet<string> SingleWords(string list)
    {
        var index = Array.IndexOf([.. ListNames], list);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entries in _byFirst.Values)
        {
            foreach (var e in entries)
            {
                if (e.List == index && e.Words.Length == 1)
                {
                    set.Add(e.Words[0]);
                }
            }
        }

        return set;
    }

    /// <summary>The longest listed surname ending of a word, or null.</summary>
    public string? SurnameSuffix(string word)
    {
        if (word.Length < 5)
        {
            return null;
        }

        foreach (var s in _suffixes)
        {
            if (word.Length >= s.Length + 3 && word.EndsWith(s, StringComparison.OrdinalIgnoreCase))
            {
                return s;
            }
        }

        return null;
    }
}
