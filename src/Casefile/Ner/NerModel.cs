using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Casefile.Pipeline;

namespace Casefile.Ner;

/// <summary>
/// A trained tagger: label set, transition weights and per-feature weight rows (one or two passes),
/// decoded with Viterbi under BIO constraints. Immutable and thread-safe once loaded.
/// </summary>
public sealed class NerModel
{
    private const string Magic = "CFNER";
    private const int FormatVersion = 1;

    internal NerModel(string[] labels, FeatureTable first, FeatureTable? second, float temperature, string gazetteerFingerprint, string info)
    {
        Labels = labels;
        First = first;
        Second = second;
        Temperature = temperature;
        GazetteerFingerprint = gazetteerFingerprint;
        Info = info;
        Allowed = AllowedTransitions(labels);
    }

    public IReadOnlyList<string> Labels { get; }

    internal FeatureTable First { get; }

    /// <summary>The second pass, which also sees what the first pass found elsewhere in the document; null for one-pass models.</summary>
    internal FeatureTable? Second { get; }

    /// <summary>Scores are divided by this before turning them into probabilities for mention confidence.</summary>
    public float Temperature { get; }

    public string GazetteerFingerprint { get; }

    /// <summary>How the model was trained (data, epochs, seed, dev scores), as written by the trainer.</summary>
    public string Info { get; }

    internal bool[] Allowed { get; }

    public int FeatureCount => First.Count + (Second?.Count ?? 0);

    private static readonly Lazy<NerModel> Shipped = new(LoadShipped);

    /// <summary>The model compiled into the library from data/models/ner.bin.</summary>
    public static NerModel Default => Shipped.Value;

    private static NerModel LoadShipped()
    {
        // The word clusters and then the weights load on another core while this one reads the gazetteers
        // (about the same time each way); NerTagger checks that the model and the gazetteers belong together.
        var model = Task.Run(() =>
        {
            _ = WordClusters.Default;
            using var stream = typeof(NerModel).Assembly.GetManifestResourceStream("models/ner.bin")
                ?? throw new CasefileException(ErrorCodes.NerModelInvalid, "no NER model is compiled in; train data/models/ner.bin (see data/models/MODEL.md) and rebuild.");
            return Load(stream, "data/models/ner.bin");
        });
        _ = Gazetteer.Default;
        return model.GetAwaiter().GetResult();
    }

    /// <summary>allowed[(prev + 1) * L + y]: prev = -1 is the sentence start; I-X only after B-X or I-X.</summary>
    internal static bool[] AllowedTransitions(IReadOnlyList<string> labels)
    {
        var l = labels.Count;
        var allowed = new bool[(l + 1) * l];
        for (var p = -1; p < l; p++)
        {
            for (var y = 0; y < l; y++)
            {
                var tag = labels[y];
                var ok = tag[0] != 'I' || (p >= 0 && labels[p].Length > 2 && labels[p].AsSpan(2).SequenceEqual(tag.AsSpan(2)));
                allowed[(p + 1) * l + y] = ok;
            }
        }

        return allowed;
    }

    public void Save(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        var tmp = path + ".tmp";
        using (var stream = File.Create(tmp))
        using (var w = new BinaryWriter(stream, Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(GazetteerFingerprint);
            w.Write(Info);
            w.Write(Temperature);
            w.Write(Labels.Count);
            foreach (var label in Labels)
            {
                w.Write(label);
            }

            First.Write(w);
            w.Write(Second is not null);
            Second?.Write(w);
        }

        File.Move(tmp, path, overwrite: true);
    }

    public static NerModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CasefileException(ErrorCodes.NerModelInvalid, $"NER model '{path}' does not exist; train one with 'casefile train ner' or omit --model.");
        }

        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    public static NerModel Load(Stream stream, string name)
    {
        try
        {
            using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (r.ReadString() != Magic || r.ReadInt32() is var version && version != FormatVersion)
            {
                throw new CasefileException(ErrorCodes.NerModelInvalid, $"'{name}' is not a Casefile NER model of format {FormatVersion}; retrain it with 'casefile train ner'.");
            }

            var fingerprint = r.ReadString();
            var info = r.ReadString();
            var temperature = r.ReadSingle();
            var labels = new string[r.ReadInt32()];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = r.ReadString();
            }

            var first = FeatureTable.Read(r, labels.Length);
            var second = r.ReadBoolean() ? FeatureTable.Read(r, labels.Length) : null;
            return new NerModel(labels, first, second, temperature, fingerprint, info);
        }
        catch (EndOfStreamException e)
        {
            throw new CasefileException(ErrorCodes.NerModelInvalid, $"NER model '{name}' is truncated; retrain it or restore it from git.", e);
        }
    }

    /// <summary>
    /// Best label sequence for the emission scores (<c>scores[i * L + y]</c>) with BIO constraints.
    /// </summary>
    internal static void Viterbi(ReadOnlySpan<float> scores, int n, int l, float[] transitions, bool[] allowed, Span<int> best)
    {
        if (n == 0)
        {
            return;
        }

        var delta = new float[n * l];
        var back = new int[n * l];
        for (var y = 0; y < l; y++)
        {
            delta[y] = allowed[y] ? scores[y] + transitions[y] : float.NegativeInfinity;
        }

        for (var i = 1; i < n; i++)
        {
            for (var y = 0; y < l; y++)
            {
                var bestScore = float.NegativeInfinity;
                var arg = 0;
                for (var p = 0; p < l; p++)
                {
                    if (!allowed[(p + 1) * l + y])
                    {
                        continue;
                    }

                    var s = delta[(i - 1) * l + p] + transitions[(p + 1) * l + y];
                    if (s > bestScore)
                    {
                        bestScore = s;
                        arg = p;
                    }
                }

                delta[i * l + y] = bestScore + scores[i * l + y];
                back[i * l + y] = arg;
            }
        }

        var last = 0;
        for (var y = 1; y < l; y++)
        {
            if (delta[(n - 1) * l + y] > delta[(n - 1) * l + last])
            {
                last = y;
            }
        }

        best[n - 1] = last;
        for (var i = n - 1; i > 0; i--)
        {
            best[i - 1] = back[i * l + best[i]];
        }
    }

    /// <summary>
    /// Per-token label probabilities from the scores divided by <paramref name="temperature"/>
    /// (scaled forward-backward over the same constrained chain): <c>marginals[i * L + y]</c>.
    /// Scores are shifted by their maximum before exponentiation, which leaves the probabilities unchanged.
    /// </summary>
    internal static void Marginals(ReadOnlySpan<float> scores, int n, int l, float[] transitions, bool[] allowed, float temperature, Span<double> marginals)
    {
        var inv = 1.0 / temperature;
        var maxT = float.NegativeInfinity;
        foreach (var t in transitions)
        {
            maxT = Math.Max(maxT, t);
        }

        var trans = new double[(l + 1) * l];
        for (var k = 0; k < trans.Length; k++)
        {
            trans[k] = allowed[k] ? Math.Exp((transitions[k] - maxT) * inv) : 0;
        }

        var e = new double[n * l];
        for (var i = 0; i < n; i++)
        {
            var max = float.NegativeInfinity;
            for (var y = 0; y < l; y++)
            {
                max = Math.Max(max, scores[i * l + y]);
            }

            for (var y = 0; y < l; y++)
            {
                e[i * l + y] = Math.Exp((scores[i * l + y] - max) * inv);
            }
        }

        var alpha = new double[n * l];
        var beta = new double[n * l];
        for (var y = 0; y < l; y++)
        {
            alpha[y] = trans[y] * e[y];
        }

        Normalise(alpha.AsSpan(0, l));
        for (var i = 1; i < n; i++)
        {
            for (var y = 0; y < l; y++)
            {
                var sum = 0.0;
                for (var p = 0; p < l; p++)
                {
                    sum += alpha[(i - 1) * l + p] * trans[(p + 1) * l + y];
                }

                alpha[i * l + y] = sum * e[i * l + y];
            }

            Normalise(alpha.AsSpan(i * l, l));
        }

        for (var y = 0; y < l; y++)
        {
            beta[(n - 1) * l + y] = 1;
        }

        for (var i = n - 2; i >= 0; i--)
        {
            for (var p = 0; p < l; p++)
            {
                var sum = 0.0;
                for (var y = 0; y < l; y++)
                {
                    sum += trans[(p + 1) * l + y] * e[(i + 1) * l + y] * beta[(i + 1) * l + y];
                }

                beta[i * l + p] = sum;
            }

            Normalise(beta.AsSpan(i * l, l));
        }

        for (var i = 0; i < n; i++)
        {
            for (var y = 0; y < l; y++)
            {
                marginals[i * l + y] = alpha[i * l + y] * beta[i * l + y];
            }

            Normalise(marginals.Slice(i * l, l));
        }
    }

    private static void Normalise(Span<double> xs)
    {
        var sum = 0.0;
        foreach (var x in xs)
        {
            sum += x;
        }

        if (sum > 0 && double.IsFinite(sum))
        {
            for (var k = 0; k < xs.Length; k++)
            {
                xs[k] /= sum;
            }
        }
    }
}

/// <summary>Weight rows keyed by 32-bit feature hashes in an open-addressing table; weights stored as half floats on disk.</summary>
internal sealed class FeatureTable
{
    private readonly uint[] _keys;
    private readonly int[] _rows;
    private readonly int _shift;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FeatureTable(uint[] sortedKeys, float[] weights, float[] transitions, int labels)
    {
        Keys = sortedKeys;
        Transitions = transitions;
        Weights = weights;
        LabelCount = labels;
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, sortedKeys.Length * 2));
        _shift = 32 - BitOperations.Log2((uint)capacity);
        _keys = new uint[capacity];
        _rows = new int[capacity];
        for (var r = 0; r < sortedKeys.Length; r++)
        {
            var k = sortedKeys[r];
            var slot = Slot(k);
            while (_keys[slot] != 0)
            {
                slot = (slot + 1) & (capacity - 1);
            }

            _keys[slot] = k;
            _rows[slot] = r;
        }
    }

    public uint[] Keys { get; }

    /// <summary>transitions[(prev + 1) * L + y], prev = -1 at the sentence start.</summary>
    public float[] Transitions { get; }

    public float[] Weights { get; }

    public int LabelCount { get; }

    public int Count => Keys.Length;

    /// <summary>The 32-bit key of a 64-bit feature hash (0 is reserved for empty slots).</summary>
    public static uint Key(ulong hash) => (uint)(hash >> 32) is var k && k != 0 ? k : 1u;

    private int Slot(uint key) => (int)((key * 0x9E3779B9u) >> _shift);

    /// <summary>Emission scores <c>[i * L + y]</c> of the <paramref name="n"/> tokens whose features are in <paramref name="buffer"/>.</summary>
    public float[] Score(NerFeatures.Buffer buffer, int n)
    {
        var scores = new float[n * LabelCount];
        for (var i = 0; i < n; i++)
        {
            var row = scores.AsSpan(i * LabelCount, LabelCount);
            for (var k = buffer.Offsets[i]; k < buffer.Offsets[i + 1]; k++)
            {
                AddTo(buffer.Features[k], row);
            }
        }

        return scores;
    }

    /// <summary>Adds the weight row of <paramref name="hash"/> to <paramref name="scores"/>; unknown features add nothing.</summary>
    private void AddTo(ulong hash, Span<float> scores)
    {
        var key = Key(hash);
        var mask = _keys.Length - 1;
        var slot = Slot(key);
        while (true)
        {
            var k = _keys[slot];
            if (k == key)
            {
                var row = Weights.AsSpan(_rows[slot] * LabelCount, LabelCount);
                for (var y = 0; y < row.Length; y++)
                {
                    scores[y] += row[y];
                }

                return;
            }

            if (k == 0)
            {
                return;
            }

            slot = (slot + 1) & mask;
        }
    }

    public void Write(BinaryWriter w)
    {
        foreach (var t in Transitions)
        {
            w.Write(t);
        }

        w.Write(Keys.Length);
        foreach (var k in Keys)
        {
            w.Write(k);
        }

        foreach (var x in Weights)
        {
            w.Write((Half)x);
        }
    }

    public static FeatureTable Read(BinaryReader r, int labels)
    {
        var transitions = new float[(labels + 1) * labels];
        for (var i = 0; i < transitions.Length; i++)
        {
            transitions[i] = r.ReadSingle();
        }

        var n = r.ReadInt32();
        if (n < 0 || n > 50_000_000)
        {
            throw new CasefileException(ErrorCodes.NerModelInvalid, "NER model has an impossible feature count; it is damaged, retrain it.");
        }

        // Straight from the stream into the arrays, the weights through a small buffer: no copy of the whole table.
        var keys = new uint[n];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(keys.AsSpan()));
        var weights = new float[n * labels];
        var buffer = new Half[16_384];
        for (var done = 0; done < weights.Length; done += buffer.Length)
        {
            var chunk = buffer.AsSpan(0, Math.Min(buffer.Length, weights.Length - done));
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(chunk));
            ToSingle(chunk, weights.AsSpan(done, chunk.Length));
        }

        return new FeatureTable(keys, weights, transitions, labels);
    }

    /// <summary>
    /// Exactly <c>(float)halves[i]</c>, vectorised for the common case (every lane zero or normal), since a model
    /// has millions of weights; compiled fully optimised at once because it runs only at load.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ToSingle(ReadOnlySpan<Half> halves, Span<float> weights)
    {
        var bits = MemoryMarshal.Cast<Half, ushort>(halves);
        var output = MemoryMarshal.Cast<float, uint>(weights);
        var width = Vector<ushort>.Count;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var expMask = new Vector<ushort>(0x7C00);
            var magnitudeMask = new Vector<ushort>(0x7FFF);
            for (; i <= bits.Length - width; i += width)
            {
                var h = new Vector<ushort>(bits[i..]);
                var exponent = h & expMask;
                var subnormal = Vector.Equals(exponent, Vector<ushort>.Zero) & ~Vector.Equals(h & magnitudeMask, Vector<ushort>.Zero);
                if ((subnormal | Vector.Equals(exponent, expMask)) != Vector<ushort>.Zero)
                {
                    for (var k = i; k < i + width; k++)
                    {
                        weights[k] = (float)halves[k];
                    }

                    continue;
                }

                Vector.Widen(h, out var low, out var high);
                Normal(low).CopyTo(output[i..]);
                Normal(high).CopyTo(output[(i + (width / 2))..]);
            }
        }

        for (; i < halves.Length; i++)
        {
            weights[i] = (float)halves[i];
        }

        // Half bits (zero or normal) to float bits: the exponent rebased from 15 to 127, the mantissa widened.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector<uint> Normal(Vector<uint> h)
        {
            var magnitude = h & new Vector<uint>(0x7FFF);
            var body = (magnitude << 13) + new Vector<uint>(112u << 23);
            body = Vector.ConditionalSelect(Vector.Equals(magnitude, Vector<uint>.Zero), Vector<uint>.Zero, body);
            return body | ((h & new Vector<uint>(0x8000)) << 16);
        }
    }
}
