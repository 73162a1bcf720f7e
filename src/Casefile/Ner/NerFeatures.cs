using System.Runtime.CompilerServices;

namespace Casefile.Ner;

/// <summary>
/// Turns a tokenised sentence into hashed features per token. A feature is a template number plus the
/// strings it looks at, hashed to 64 bits (FNV-1a, then a mixer); the model keeps a weight row per hash.
/// Templates: word and lower-case word, shapes, prefixes/suffixes, words and shapes ±2, word bigrams,
/// sentence-initial capitalisation, hyphen parts, a following possessive, gazetteer matches at and
/// around the token, surname endings, and (second pass) the labels the first pass gave the same word
/// elsewhere in the document.
/// </summary>
public sealed class NerFeatures(Gazetteer gazetteer, WordClusters clusters)
{
    public NerFeatures(Gazetteer gazetteer)
        : this(gazetteer, WordClusters.Default)
    {
    }

    public WordClusters Clusters { get; } = clusters;

    private enum T : byte
    {
        Bias = 1, Word, Lower, Shape, LongShape, Prefix, Suffix, LowerM1, LowerP1, LowerM2, LowerP2,
        ShapeM1, ShapeP1, ShapeM2, ShapeP2, BigramM1, BigramP1, Shape3, Initial, HyphenPart, Possessive,
        Gaz, GazM1, GazP1, SurnameSuffix, InitialLower, Length, AllCapsNext, DocLabel, DocLabelCased, WordShapeM1, GazM2, GazP2, CharGram, WordShapeP1, Cluster, ClusterM1, ClusterP1, ClusterShape,
    }

    public Gazetteer Gazetteer { get; } = gazetteer;

    /// <summary>Reusable buffers for one thread.</summary>
    public sealed class Buffer
    {
        public List<ulong> Features { get; } = new(2048);

        public List<int> Offsets { get; } = new(64);

        internal List<int>[] Gaz = [];
        internal string[] Lower = [];
        internal string[] Shape = [];
        internal string[] Cluster = [];
        internal WordInfo[] Words = [];

        internal void Ensure(int n)
        {
            if (Gaz.Length < n)
            {
                var size = Math.Max(n, Gaz.Length * 2);
                var gaz = new List<int>[size];
                for (var i = 0; i < size; i++)
                {
                    gaz[i] = i < Gaz.Length ? Gaz[i] : new List<int>(4);
                }

                Gaz = gaz;
                Lower = new string[size];
                Shape = new string[size];
                Cluster = new string[size];
                Words = new WordInfo[size];
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="buffer"/>: the features of token i are Features[Offsets[i]..Offsets[i+1]].
    /// <paramref name="docLabels"/> (second pass only) gives per token the label summary of the same word elsewhere in the document.
    /// </summary>
    public void Extract(string[] tokens, Buffer buffer, string?[]? docLabels = null)
    {
        var n = tokens.Length;
        buffer.Ensure(n);
        var f = buffer.Features;
        var offsets = buffer.Offsets;
        f.Clear();
        offsets.Clear();
        var gazCodes = buffer.Gaz;
        Gazetteer.Match(tokens, gazCodes);
        var lower = buffer.Lower;
        var shape = buffer.Shape;
        for (var i = 0; i < n; i++)
        {
            var info = Info(tokens[i]);
            buffer.Words[i] = info;
            lower[i] = info.Lower;
            shape[i] = info.Shape;
            buffer.Cluster[i] = info.Cluster;
        }

        var cluster = buffer.Cluster;
        for (var i = 0; i < n; i++)
        {
            offsets.Add(f.Count);
            var lw = lower[i];
            f.AddRange(buffer.Words[i].Static);
            f.Add(H(T.LowerM1, At(lower, i - 1, n)));
            f.Add(H(T.LowerP1, At(lower, i + 1, n)));
            f.Add(H(T.LowerM2, At(lower, i - 2, n)));
            f.Add(H(T.LowerP2, At(lower, i + 2, n)));
            f.Add(H(T.ShapeM1, At(shape, i - 1, n)));
            f.Add(H(T.ShapeP1, At(shape, i + 1, n)));
            f.Add(H(T.ShapeM2, At(shape, i - 2, n)));
            f.Add(H(T.ShapeP2, At(shape, i + 2, n)));
            f.Add(H(T.BigramM1, At(lower, i - 1, n), lw));
            f.Add(H(T.BigramP1, lw, At(lower, i + 1, n)));
            f.Add(H(T.Shape3, At(shape, i - 1, n), shape[i], At(shape, i + 1, n)));
            f.Add(H(T.WordShapeM1, At(lower, i - 1, n), shape[i]));
            f.Add(H(T.WordShapeP1, shape[i], At(lower, i + 1, n)));
            f.Add(H(T.ClusterM1, At(cluster, i - 1, n)));
            f.Add(H(T.ClusterP1, At(cluster, i + 1, n)));

            var initial = i == 0 || IsOpener(tokens[i - 1]);
            f.Add(H(T.Initial, initial ? "1" : "0", shape[i]));
            if (initial)
            {
                f.Add(H(T.InitialLower, lw));
            }

            if (i + 1 < n && IsPossessive(tokens[i + 1]))
            {
                f.Add(H(T.Possessive));
            }

            if (i + 1 < n && IsAllCaps(tokens[i + 1]))
            {
                f.Add(H(T.AllCapsNext, shape[i]));
            }

            foreach (var code in gazCodes[i])
            {
                f.Add(H(T.Gaz, Code(code)));
            }

            if (i > 0)
            {
                foreach (var code in gazCodes[i - 1])
                {
                    f.Add(H(T.GazM1, Code(code)));
                }
            }

            if (i > 1)
            {
                foreach (var code in gazCodes[i - 2])
                {
                    f.Add(H(T.GazM2, Code(code)));
                }
            }

            if (i + 1 < n)
            {
                foreach (var code in gazCodes[i + 1])
                {
                    f.Add(H(T.GazP1, Code(code)));
                }
            }

            if (i + 2 < n)
            {
                foreach (var code in gazCodes[i + 2])
                {
                    f.Add(H(T.GazP2, Code(code)));
                }
            }

            if (docLabels is not null && docLabels[i] is { } dl)
            {
                f.Add(H(T.DocLabel, dl));
                f.Add(H(T.DocLabelCased, dl, shape[i]));
            }
        }

        offsets.Add(f.Count);
    }

    /// <summary>What the features need of a word on its own, computed once per word and thread.</summary>
    internal sealed class WordInfo(string lower, string shape, string cluster, ulong[] features)
    {
        public string Lower { get; } = lower;
        public string Shape { get; } = shape;
        public string Cluster { get; } = cluster;
        public ulong[] Static { get; } = features;
    }

    [ThreadStatic]
    private static Dictionary<string, WordInfo>? t_cache;

    [ThreadStatic]
    private static NerFeatures? t_cacheOwner;

    private WordInfo Info(string w)
    {
        var cache = t_cache ??= new Dictionary<string, WordInfo>(StringComparer.Ordinal);
        if (!ReferenceEquals(t_cacheOwner, this) || cache.Count > 200_000)
        {
            cache.Clear();
            t_cacheOwner = this;
        }

        if (cache.TryGetValue(w, out var info))
        {
            return info;
        }

        var lw = Normalise(w);
        var shape = ShortShape(w);
        var f = new List<ulong>(40)
        {
            H(T.Bias),
            H(T.Word, w),
            H(T.Lower, lw),
            H(T.Shape, shape),
            H(T.LongShape, LongShape(w)),
        };
        for (var k = 1; k <= 4 && k < lw.Length; k++)
        {
            f.Add(H(T.Prefix, lw.AsSpan(0, k)));
            f.Add(H(T.Suffix, lw.AsSpan(lw.Length - k)));
        }

        f.Add(H(T.Length, lw.Length > 12 ? "L" : Names[lw.Length]));
        if (lw.Length >= 4 && char.IsLetter(lw[0]))
        {
            // Character trigrams with word-boundary marks: what unseen names are made of.
            for (var k = -1; k + 3 <= lw.Length + 1; k++)
            {
                var from = Math.Max(0, k);
                var to = Math.Min(lw.Length, k + 3);
                f.Add(H(T.CharGram, k < 0 ? "^" : "", lw.AsSpan(from, to - from), k + 3 > lw.Length ? "$" : ""));
            }
        }

        var clusterName = "-";
        if (Clusters.TryGet(lw, out var c3))
        {
            f.Add(H(T.Cluster, "a", ClusterName(c3.Coarse)));
            f.Add(H(T.Cluster, "b", ClusterName(c3.Mid)));
            f.Add(H(T.Cluster, "c", ClusterName(c3.Fine)));
            clusterName = ClusterName(c3.Mid);
        }
        else
        {
            f.Add(H(T.Cluster, "none"));
        }

        f.Add(H(T.ClusterShape, clusterName, shape));
        if (w.Length > 2 && w.AsSpan(1, w.Length - 2).IndexOfAny('-', '\u2010') >= 0)
        {
            foreach (var part in lw.Split('-', '\u2010'))
            {
                if (part.Length > 0)
                {
                    f.Add(H(T.HyphenPart, part));
                }
            }
        }

        if (Gazetteer.SurnameSuffix(w) is { } sfx)
        {
            f.Add(H(T.SurnameSuffix, sfx, shape));
        }

        info = new WordInfo(lw, shape, clusterName, [.. f]);
        cache[w] = info;
        return info;
    }

    private string Code(int code) => Gazetteer.Codes[code];

    private static readonly string[] Names = [.. Enumerable.Range(0, 2048).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static string ClusterName(short c) => c >= 0 && c < Names.Length ? Names[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string At(string[] a, int i, int n) => i < 0 ? "<s>" : i >= n ? "</s>" : a[i];

    private static bool IsOpener(string t) => t is "\"" or "“" or "'" or "‘" or "(" or "-" or "–" or "—" or ":" or "«" or "[" or "•" or "*";

    internal static bool IsPossessive(string t) => t is "'s" or "’s" or "'" or "’" or "'S" or "’S";

    private static bool IsAllCaps(string t)
    {
        var letters = 0;
        foreach (var c in t)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            if (char.IsLetter(c))
            {
                letters++;
            }
        }

        return letters >= 2;
    }

    /// <summary>Lower case with digits folded to 0, capped at 24 characters.</summary>
    internal static string Normalise(string w)
    {
        var len = Math.Min(w.Length, 24);
        var needs = len != w.Length;
        for (var i = 0; i < len && !needs; i++)
        {
            var c = w[i];
            needs = char.IsUpper(c) || (char.IsDigit(c) && c != '0') || c == '’';
        }

        if (!needs)
        {
            return w;
        }

        return string.Create(len, w, static (dst, src) =>
        {
            for (var i = 0; i < dst.Length; i++)
            {
                var c = src[i];
                dst[i] = char.IsDigit(c) ? '0' : c == '’' ? '\'' : char.ToLowerInvariant(c);
            }
        });
    }

    /// <summary>"Kassym-Jomart" → "Xx-Xx", "4,500" → "d,d", "NSC" → "X".</summary>
    internal static string ShortShape(string w)
    {
        Span<char> buf = stackalloc char[12];
        var len = 0;
        var last = '\0';
        foreach (var ch in w)
        {
            var s = Class(ch);
            if (s != last)
            {
                if (len == buf.Length)
                {
                    break;
                }

                buf[len++] = s;
                last = s;
            }
        }

        return new string(buf[..len]);
    }

    /// <summary>"Kassym" → "Xxxxxx" (capped at 8 characters).</summary>
    private static string LongShape(string w)
    {
        Span<char> buf = stackalloc char[8];
        var len = Math.Min(8, w.Length);
        for (var i = 0; i < len; i++)
        {
            buf[i] = Class(w[i]);
        }

        return new string(buf[..len]);
    }

    private static char Class(char c) =>
        char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : char.IsLetter(c) ? 'l' : c == '’' ? '\'' : c;

    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h, ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            h = (h ^ c) * Prime;
        }

        return (h ^ 0x1F) * Prime;
    }

    private static ulong Final(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        return h ^ (h >> 33);
    }

    private static ulong H(T t) => Final((Offset ^ (byte)t) * Prime);

    private static ulong H(T t, ReadOnlySpan<char> a) => Final(Mix((Offset ^ (byte)t) * Prime, a));

    private static ulong H(T t, ReadOnlySpan<char> a, ReadOnlySpan<char> b) => Final(Mix(Mix((Offset ^ (byte)t) * Prime, a), b));

    private static ulong H(T t, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c) =>
        Final(Mix(Mix(Mix((Offset ^ (byte)t) * Prime, a), b), c));
}
