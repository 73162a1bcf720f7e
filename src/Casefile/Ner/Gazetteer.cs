using System.Security.Cryptography;
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
    {
        var names = new List<string>();
        var groups = new Dictionary<string, List<Entry>>(StringComparer.OrdinalIgnoreCase);
        var suffixes = new List<string>();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, content) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\n" + content + "\n"));
            var list = names.Count;
            names.Add(name);
            foreach (var raw in content.AsSpan().EnumerateLines())
            {
                if (raw.Length == 0 || raw[0] == '#')
                {
                    continue;
                }

                var tab = raw.IndexOf('\t');
                var phraseSpan = (tab >= 0 ? raw[..tab] : raw).Trim();
                if (phraseSpan.Length == 0)
                {
                    continue;
                }

                var phrase = phraseSpan.ToString();

                if (name == SuffixList)
                {
                    suffixes.Add(phrase.TrimStart('-').ToLowerInvariant());
                    continue;
                }

                // Most entries are one plain word; only the others need the tokenizer.
                string[] words;
                if (!phrase.AsSpan().ContainsAnyExcept(Letters))
                {
                    words = [phrase];
                }
                else if (!phrase.AsSpan().ContainsAnyExcept(LettersAndSpace))
                {
                    words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                }
                else
                {
                    var toks = Tokenizer.Tokenize(phrase);
                    if (toks.Length == 0)
                    {
                        continue;
                    }

                    words = [.. toks.Select(t => phrase[t.Start..t.End])];
                }

                if (!groups.TryGetValue(words[0], out var entries))
                {
                    groups[words[0]] = entries = [];
                }

                entries.Add(new Entry(words, list));
            }
        }

        ListNames = [.. names];
        _byFirst = new Dictionary<string, Entry[]>(groups.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, entries) in groups)
        {
            _byFirst[key] = entries.Count == 1 ? [entries[0]] : [.. entries.OrderByDescending(e => e.Words.Length)];
        }

        _lookup = _byFirst.GetAlternateLookup<ReadOnlySpan<char>>();
        _suffixes = [.. suffixes.Distinct().OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)];
        Fingerprint = Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
        Codes = [.. Enumerable.Range(0, names.Count * 4).Select(c => names[c >> 2] + ((c & 2) != 0 ? ":I" : ":B") + ((c & 1) != 0 ? ":c" : ":l"))];
    }

    /// <summary>List names, in the order their indexes are used in match codes.</summary>
    public IReadOnlyList<string> ListNames { get; }

    public string Fingerprint { get; }

    /// <summary>Feature names of match codes ("cities:B:c").</summary>
    internal string[] Codes { get; }

    private static readonly System.Buffers.SearchValues<char> Letters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static readonly System.Buffers.SearchValues<char> LettersAndSpace =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ");

    private static List<(string, string)> LoadResources()
    {
        var asm = typeof(Gazetteer).Assembly;
        var files = new List<(string, string)>();
        foreach (var resource in asm.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = asm.GetManifestResourceStream(resource)
                ?? throw new CasefileException(ErrorCodes.LexiconError, $"gazetteer resource '{resource}' cannot be read; rebuild the library.");
            using var reader = new StreamReader(stream);
            files.Add((Path.GetFileNameWithoutExtension(resource[Prefix.Length..]), reader.ReadToEnd()));
        }

        return files;
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
