using System.Text;
using AnyAscii;
using F23.StringSimilarity;

namespace Casefile.Resolution;

/// <summary>How two spellings of a name relate, from the strongest to no match.</summary>
internal enum NameMatch
{
    None,
    /// <summary>Within the fuzzy threshold after folding (a typo).</summary>
    Fuzzy,
    /// <summary>Equal after transliteration folding (Massimov/Masimov, Yergaliyev/Ergaliev).</summary>
    Variant,
    /// <summary>Equal ignoring case and diacritics.</summary>
    Exact,
}

/// <summary>
/// Spelling keys and comparisons for names written in Latin letters, possibly transliterated from
/// Cyrillic or another script. A key is the ASCII form (AnyAscii), lower case, with the usual
/// transliteration alternatives folded: a leading "ye" → "e", a "y" between a vowel and "e" dropped,
/// "dzh"/"dj"/"zh"/"j" → "j", "kh" → "h", "ou" → "u",
/// "ph" → "f", "w" → "v", "q" → "g" (Qasimli/Gasimli), any "y" after the first letter → "i", and doubled
/// letters single. Given names also match through data/lexicons/given-name-variants.tsv (Oleksandr/Aleksandr). Two keys that
/// differ are still a <see cref="NameMatch.Fuzzy"/> match when their Jaro-Winkler similarity is at least
/// <see cref="FuzzyThreshold"/> and both have at least <see cref="FuzzyMinLength"/> letters.
/// </summary>
internal static class NameMatcher
{
    /// <summary>
    /// Jaro-Winkler similarity of folded keys at or above which two words are taken as one name with a typo.
    /// 0.94 keeps "Karimov"/"Kasimov" (0.92) apart and joins "Temirkhanov"/"Temirkhanvo".
    /// </summary>
    public const double FuzzyThreshold = 0.94;

    /// <summary>Keys shorter than this never match fuzzily: one letter of a short name is a different name ("Abenov"/"Abdenov").</summary>
    public const int FuzzyMinLength = 7;

    private static readonly JaroWinkler Jw = new();

    /// <summary>Jaro-Winkler similarity (F23.StringSimilarity).</summary>
    public static double Similarity(string a, string b) => Jw.Similarity(a, b);

    [ThreadStatic]
    private static Dictionary<string, string>? _asciiCache;

    [ThreadStatic]
    private static Dictionary<string, string>? _keyCache;

    private static string Cached(ref Dictionary<string, string>? cache, string word, Func<string, string> compute)
    {
        cache ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (cache.TryGetValue(word, out var known))
        {
            return known;
        }

        if (cache.Count > 50_000)
        {
            cache.Clear();
        }

        return cache[word] = compute(word);
    }

    /// <summary>The ASCII, lower-case form of a word (AnyAscii for other scripts; diacritics dropped); cached per thread.</summary>
    public static string Ascii(string word) => Cached(ref _asciiCache, word, ComputeAscii);

    /// <summary>The folded spelling key of one word; cached per thread.</summary>
    public static string Key(string word) => Cached(ref _keyCache, word, ComputeKey);

    private static string ComputeAscii(string word)
    {
        var ascii = word.Transliterate();
        var sb = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    private static string ComputeKey(string word)
    {
        var s = Ascii(word);
        if (s.StartsWith("ye", StringComparison.Ordinal))
        {
            s = s[1..];
        }

        // "-ayev"/"-aev", "Dostoyevsky"/"Dostoevsky": a "y" between a vowel and "e" is a spelling choice.
        for (var k = s.Length - 2; k >= 1; k--)
        {
            if (s[k] == 'y' && s[k + 1] == 'e' && "aeiou".Contains(s[k - 1], StringComparison.Ordinal))
            {
                s = s.Remove(k, 1);
            }
        }

        s = s.Replace("dzh", "j", StringComparison.Ordinal)
            .Replace("dj", "j", StringComparison.Ordinal)
            .Replace("zh", "j", StringComparison.Ordinal)
            .Replace("kh", "h", StringComparison.Ordinal)
            .Replace("ou", "u", StringComparison.Ordinal)
            .Replace("ph", "f", StringComparison.Ordinal)
            .Replace('w', 'v')
            .Replace('q', 'g');
        // Any "y" after the first letter is an "i" (Sadykov/Sadikov, Dmitriy/Dmitri, Yergaliyev/Ergaliev).
        if (s.Length > 1)
        {
            s = s[0] + s[1..].Replace('y', 'i');
        }

        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (sb.Length == 0 || sb[^1] != c)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The consonants of a name's key, with a leading "y" dropped and "u" after a vowel read as "v"
    /// (Belarusian "Kazlouskaya" = Russian "Kozlovskaya" = "kzlvsk").
    /// </summary>
    public static string Skeleton(string word)
    {
        var k = Key(word);
        var sb = new StringBuilder(k.Length);
        for (var i = 0; i < k.Length; i++)
        {
            var c = k[i];
            if (c == 'u' && i > 0 && "aeio".Contains(k[i - 1], StringComparison.Ordinal))
            {
                c = 'v';
            }

            if (!"aeiouy".Contains(c, StringComparison.Ordinal) && (sb.Length == 0 || sb[^1] != c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Compares two single words (surnames, given names).</summary>
    public static (NameMatch Match, double Score) Compare(string a, string b)
    {
        if (string.Equals(Ascii(a), Ascii(b), StringComparison.Ordinal))
        {
            return (NameMatch.Exact, 1.0);
        }

        var ka = Key(a);
        var kb = Key(b);
        if (ka == kb)
        {
            return (NameMatch.Variant, 0.95);
        }

        if (ResolutionData.Instance.GivenNameGroups.TryGetValue(ka, out var ga)
            && ResolutionData.Instance.GivenNameGroups.TryGetValue(kb, out var gb) && ga == gb)
        {
            return (NameMatch.Variant, 0.9);
        }

        if (ka.Length >= FuzzyMinLength && kb.Length >= FuzzyMinLength && ka[0] == kb[0])
        {
            var score = Jw.Similarity(ka, kb);
            if (score >= FuzzyThreshold && !GenderForms(ka, kb))
            {
                return (NameMatch.Fuzzy, Math.Round(score * 0.9, 3));
            }
        }

        return (NameMatch.None, 0);
    }

    /// <summary>
    /// True when one key is the feminine form of the other (Petrov/Petrova, Abenov/Abenova, Ivanovsky/Ivanovskaya):
    /// in Slavic and Central Asian surnames these are two people (husband and wife, brother and sister).
    /// </summary>
    public static bool GenderForms(string ka, string kb)
    {
        if (ka.Length > kb.Length)
        {
            (ka, kb) = (kb, ka);
        }

        if (kb.Length == ka.Length + 1 && kb[^1] == 'a' && kb.StartsWith(ka, StringComparison.Ordinal))
        {
            return true;
        }

        // -sky/-skiy/-skoy (folded to "ski"/"skoi") against -skaya (folded to "skaia"): Ivanovsky/Ivanovskaya, Tolstoy/Tolstaya.
        return (ka.EndsWith('i') && kb.EndsWith("aia", StringComparison.Ordinal) && ka.Length >= 3 && kb.Length >= 4
            && (ka[..^1] == kb[..^3] || (ka.EndsWith("oi", StringComparison.Ordinal) && ka[..^2] == kb[..^3])));
    }

    /// <summary>True when a token is an initial ("K", "K.", "Zh.").</summary>
    public static bool IsInitial(string word)
    {
        var w = word.TrimEnd('.');
        return w.Length is 1 or 2 && char.IsUpper(w[0]) && (w.Length == 1 || char.IsLower(w[1])) && (word.EndsWith('.') || w.Length == 1);
    }

    /// <summary>Whether an initial ("Y.") fits a given name ("Yerlan", "Erlan"): first letters of the spelling or of the key.</summary>
    public static bool InitialFits(string initial, string given)
    {
        var i = Ascii(initial.TrimEnd('.'));
        if (i.Length == 0)
        {
            return false;
        }

        var g = Ascii(given);
        var k = Key(given);
        var ik = Key(initial.TrimEnd('.'));
        return g.StartsWith(i, StringComparison.Ordinal) || (ik.Length > 0 && k.StartsWith(ik, StringComparison.Ordinal))
            || (i is "y" or "e" && (g.StartsWith('y') || g.StartsWith('e')));
    }

    /// <summary>Two initials that may stand for the same name (equal, or Y./E.).</summary>
    public static bool InitialsAgree(string a, string b)
    {
        var x = Ascii(a.TrimEnd('.'));
        var y = Ascii(b.TrimEnd('.'));
        return x == y || (x is "y" or "e" && y is "y" or "e") || (x is "zh" or "j" && y is "zh" or "j");
    }
}
