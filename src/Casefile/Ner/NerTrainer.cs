using System.Globalization;
using System.Text.Json;
using Casefile.Pipeline;

namespace Casefile.Ner;

/// <summary>Settings of <see cref="NerTrainer.Train"/>.</summary>
public sealed record NerTrainOptions
{
    public int Epochs { get; init; } = 12;
    public int Seed { get; init; } = 1;
    /// <summary>Train the document-level second pass (jack-knifed first-pass labels on the training data).</summary>
    public bool TwoPass { get; init; } = true;
    public int Folds { get; init; } = 4;
    /// <summary>Drop feature rows whose largest absolute averaged weight is below this (keeps the model small).</summary>
    public float Prune { get; init; } = 0.05f;
    /// <summary>Free text recorded in the model (e.g. the data files used).</summary>
    public string Description { get; init; } = "";
    public IProgress<NerTrainProgress>? Progress { get; init; }
}

/// <summary>Progress of a training run: which pass, epoch k of n, and the dev F1 after it.</summary>
public sealed record NerTrainProgress(string Stage, int Epoch, int Epochs, double? DevF1, string Note = "");

/// <summary>
/// Trains a <see cref="NerModel"/>: an averaged structured perceptron (Collins 2002) over hashed
/// features with first-order transitions and Viterbi decoding under BIO constraints. Deterministic for a
/// seed: sentence order is shuffled with <see cref="Random"/>(seed) and everything else is sequential.
/// With a dev set, the epoch with the best dev F1 is kept.
/// </summary>
public static class NerTrainer
{
    public static readonly string[] Labels = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

    public static NerModel Train(IReadOnlyList<BioSentence> train, IReadOnlyList<BioSentence>? dev, Gazetteer gazetteer, NerTrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        if (train.Count == 0)
        {
            throw new CasefileException(ErrorCodes.NerDataMalformed, "the training data has no sentences; check the --train files.");
        }

        var features = new NerFeatures(gazetteer);
        var devCorpus = dev is { Count: > 0 } ? dev : null;
        var first = TrainPass(train, devCorpus, features, null, null, options, "pass 1", out var firstEpoch, out var firstF1);
        var firstTable = first;
        FeatureTable? secondTable = null;
        double? secondF1 = null;
        var bestEpoch = firstEpoch;
        if (options.TwoPass)
        {
            var trainDoc = JackKnife(train, features, options with { Epochs = firstEpoch, Progress = null }, options.Progress);
            var devDoc = devCorpus is null ? null : FirstPassDocLabels(devCorpus, first, features);
            secondTable = TrainPass(train, devCorpus, features, trainDoc, devDoc, options, "pass 2", out bestEpoch, out var f2);
            secondF1 = f2;
            if (f2 < firstF1 + 0.002)
            {
                // The document pass did not help on dev (by at least 0.2 points): ship the first pass alone; it is twice as fast.
                options.Progress?.Report(new NerTrainProgress("pass 2", bestEpoch, options.Epochs, f2, "dropped: dev F1 below pass 1"));
                secondTable = null;
            }
        }

        var info = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["trained"] = options.Description,
            ["sentences"] = train.Count.ToString(CultureInfo.InvariantCulture),
            ["epochs_pass1"] = firstEpoch.ToString(CultureInfo.InvariantCulture),
            ["epochs_pass2"] = options.TwoPass ? bestEpoch.ToString(CultureInfo.InvariantCulture) : "",
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["dev_f1_pass1"] = firstF1?.ToString("F4", CultureInfo.InvariantCulture) ?? "",
            ["dev_f1_pass2"] = secondF1?.ToString("F4", CultureInfo.InvariantCulture) ?? "",
        }, NerJsonContext.Default.DictionaryStringString);
        var model = new NerModel(Labels, firstTable, secondTable, 1f, gazetteer.Fingerprint, info);
        var temperature = Calibrate(model, devCorpus ?? train, gazetteer);
        return new NerModel(Labels, firstTable, secondTable, temperature, gazetteer.Fingerprint, info);
    }

    /// <summary>Tags every sentence of a corpus document by document (the way <c>analyze</c> does).</summary>
    public static List<string[]> Predict(NerTagger tagger, IReadOnlyList<BioSentence> corpus, bool confidence = false)
    {
        var result = new List<string[]>(corpus.Count);
        foreach (var doc in Documents(corpus))
        {
            var tagged = tagger.TagDocument([.. doc.Select(s => s.Tokens)], confidence);
            result.AddRange(tagged.Select(t => t.Tags));
        }

        return result;
    }

    public static NerScore Evaluate(NerTagger tagger, IReadOnlyList<BioSentence> corpus)
    {
        var predicted = Predict(tagger, corpus);
        var score = new NerScore();
        for (var i = 0; i < corpus.Count; i++)
        {
            score.Add(corpus[i].Tags, predicted[i]);
        }

        return score;
    }

    /// <summary>Consecutive sentences with the same document name.</summary>
    internal static IEnumerable<List<BioSentence>> Documents(IReadOnlyList<BioSentence> corpus)
    {
        var current = new List<BioSentence>();
        foreach (var s in corpus)
        {
            if (current.Count > 0 && current[^1].Doc != s.Doc)
            {
                yield return current;
                current = [];
            }

            current.Add(s);
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    /// <summary>First-pass labels for each training document from a model trained without that document's fold.</summary>
    private static string?[][] JackKnife(IReadOnlyList<BioSentence> train, NerFeatures features, NerTrainOptions options, IProgress<NerTrainProgress>? progress)
    {
        var docs = Documents(train).ToList();
        var folds = Math.Clamp(options.Folds, 2, Math.Max(2, docs.Count));
        var result = new string?[train.Count][];
        var docStart = new int[docs.Count];
        for (int d = 0, at = 0; d < docs.Count; d++)
        {
            docStart[d] = at;
            at += docs[d].Count;
        }

        for (var k = 0; k < folds; k++)
        {
            progress?.Report(new NerTrainProgress("jack-knife", k + 1, folds, null, $"fold {k + 1} of {folds}"));
            var rest = docs.Where((_, d) => d % folds != k).SelectMany(d => d).ToList();
            if (rest.Count == 0)
            {
                continue;
            }

            var table = TrainPass(rest, null, features, null, null, options, "fold", out _, out _);
            for (var d = k; d < docs.Count; d += folds)
            {
                var labels = DocLabels(docs[d], table, features);
                for (var s = 0; s < labels.Length; s++)
                {
                    result[docStart[d] + s] = labels[s];
                }
            }
        }

        return result;
    }

    private static string?[][] FirstPassDocLabels(IReadOnlyList<BioSentence> corpus, FeatureTable table, NerFeatures features)
    {
        var result = new List<string?[]>(corpus.Count);
        foreach (var doc in Documents(corpus))
        {
            result.AddRange(DocLabels(doc, table, features));
        }

        return [.. result];
    }

    private static string?[][] DocLabels(List<BioSentence> doc, FeatureTable table, NerFeatures features)
    {
        var buffer = new NerFeatures.Buffer();
        var allowed = NerModel.AllowedTransitions(Labels);
        var labels = new int[doc.Count][];
        for (var s = 0; s < doc.Count; s++)
        {
            labels[s] = Decode(doc[s].Tokens, features, buffer, null, table.Score, table.Transitions, allowed);
        }

        return DocumentLabels.Compute([.. doc.Select(s => s.Tokens)], labels, Labels);
    }

    /// <summary>Viterbi labels of one sentence; <paramref name="emissions"/> scores the extracted features (a compact table or the training weights).</summary>
    private static int[] Decode(string[] tokens, NerFeatures features, NerFeatures.Buffer buffer, string?[]? doc,
        Func<NerFeatures.Buffer, int, float[]> emissions, float[] transitions, bool[] allowed)
    {
        var n = tokens.Length;
        var best = new int[n];
        features.Extract(tokens, buffer, doc);
        NerModel.Viterbi(emissions(buffer, n), n, Labels.Length, transitions, allowed, best);
        return best;
    }

    private static FeatureTable TrainPass(IReadOnlyList<BioSentence> train, IReadOnlyList<BioSentence>? dev, NerFeatures features,
        string?[][]? trainDoc, string?[][]? devDoc, NerTrainOptions options, string stage, out int bestEpoch, out double? bestF1)
    {
        var l = Labels.Length;
        var labelIndex = Labels.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var allowed = NerModel.AllowedTransitions(Labels);

        // Feature rows: every feature seen in the training data gets one.
        var rows = new Dictionary<ulong, int>(1 << 20);
        var hashes = new List<ulong>(1 << 20);
        var sentRows = new int[train.Count][];
        var sentOffsets = new int[train.Count][];
        var gold = new int[train.Count][];
        var buffer = new NerFeatures.Buffer();
        for (var s = 0; s < train.Count; s++)
        {
            var sentence = train[s];
            features.Extract(sentence.Tokens, buffer, trainDoc?[s]);
            var r = new int[buffer.Features.Count];
            for (var k = 0; k < r.Length; k++)
            {
                var h = buffer.Features[k];
                if (!rows.TryGetValue(h, out var row))
                {
                    row = rows[h] = hashes.Count;
                    hashes.Add(h);
                }

                r[k] = row;
            }

            sentRows[s] = r;
            sentOffsets[s] = [.. buffer.Offsets];
            gold[s] = [.. sentence.Tags.Select(t => labelIndex.TryGetValue(t, out var y) ? y : 0)];
        }

        var w = new float[hashes.Count * l];
        var u = new float[hashes.Count * l];
        var tw = new float[(l + 1) * l];
        var tu = new float[(l + 1) * l];
        var c = 1f;
        var rng = new Random(options.Seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        float[]? bestW = null;
        float[]? bestT = null;
        bestEpoch = options.Epochs;
        bestF1 = null;
        var scores = new float[256 * l];
        var pred = new int[256];
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (var s in order)
            {
                var g = gold[s];
                var n = g.Length;
                if (scores.Length < n * l)
                {
                    scores = new float[n * l * 2];
                    pred = new int[n * 2];
                }

                var r = sentRows[s];
                var off = sentOffsets[s];
                Array.Clear(scores, 0, n * l);
                for (var i = 0; i < n; i++)
                {
                    for (var k = off[i]; k < off[i + 1]; k++)
                    {
                        var baseIndex = r[k] * l;
                        for (var y = 0; y < l; y++)
                        {
                            scores[i * l + y] += w[baseIndex + y];
                        }
                    }
                }

                NerModel.Viterbi(scores.AsSpan(0, n * l), n, l, tw, allowed, pred);
                var step = train[s].Weight;
                for (var i = 0; i < n; i++)
                {
                    var gy = g[i];
                    var py = pred[i];
                    if (gy != py)
                    {
                        for (var k = off[i]; k < off[i + 1]; k++)
                        {
                            var baseIndex = r[k] * l;
                            w[baseIndex + gy] += step;
                            u[baseIndex + gy] += c * step;
                            w[baseIndex + py] -= step;
                            u[baseIndex + py] -= c * step;
                        }
                    }

                    var gp = i == 0 ? 0 : g[i - 1] + 1;
                    var pp = i == 0 ? 0 : pred[i - 1] + 1;
                    if (gy != py || gp != pp)
                    {
                        tw[gp * l + gy] += step;
                        tu[gp * l + gy] += c * step;
                        tw[pp * l + py] -= step;
                        tu[pp * l + py] -= c * step;
                    }
                }

                c++;
            }

            if (dev is null)
            {
                options.Progress?.Report(new NerTrainProgress(stage, epoch, options.Epochs, null));
                continue;
            }

            var avgW = Average(w, u, c);
            var avgT = Average(tw, tu, c);
            var score = new NerScore();
            var devBuffer = new NerFeatures.Buffer();
            for (var s = 0; s < dev.Count; s++)
            {
                var predicted = Decode(dev[s].Tokens, features, devBuffer, devDoc?[s], (b, n) =>
                {
                    var scores = new float[n * l];
                    for (var i = 0; i < n; i++)
                    {
                        for (var k = b.Offsets[i]; k < b.Offsets[i + 1]; k++)
                        {
                            if (rows.TryGetValue(b.Features[k], out var rr))
                            {
                                for (var y = 0; y < l; y++)
                                {
                                    scores[i * l + y] += avgW[rr * l + y];
                                }
                            }
                        }
                    }

                    return scores;
                }, avgT, allowed);
                score.Add(dev[s].Tags, [.. predicted.Select(y => Labels[y])]);
            }

            var f1 = score.F1();
            options.Progress?.Report(new NerTrainProgress(stage, epoch, options.Epochs, f1));
            if (bestF1 is null || f1 > bestF1.Value)
            {
                bestF1 = f1;
                bestEpoch = epoch;
                bestW = avgW;
                bestT = avgT;
            }
        }

        bestW ??= Average(w, u, c);
        bestT ??= Average(tw, tu, c);
        return Compact(hashes, bestW, bestT, l, options.Prune);
    }

    private static float[] Average(float[] w, float[] u, float c)
    {
        var a = new float[w.Length];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = w[i] - (u[i] / c);
        }

        return a;
    }

    /// <summary>Drops near-zero rows, folds features whose 32-bit keys collide (summing their rows) and sorts by key.</summary>
    private static FeatureTable Compact(List<ulong> hashes, float[] weights, float[] transitions, int l, float prune)
    {
        var byKey = new Dictionary<uint, float[]>();
        for (var r = 0; r < hashes.Count; r++)
        {
            var row = weights.AsSpan(r * l, l);
            var max = 0f;
            foreach (var x in row)
            {
                max = Math.Max(max, Math.Abs(x));
            }

            if (max < prune || max == 0)
            {
                continue;
            }

            var key = FeatureTable.Key(hashes[r]);
            if (byKey.TryGetValue(key, out var existing))
            {
                for (var y = 0; y < l; y++)
                {
                    existing[y] += row[y];
                }
            }
            else
            {
                byKey[key] = row.ToArray();
            }
        }

        var keys = byKey.Keys.Order().ToArray();
        var w = new float[keys.Length * l];
        for (var i = 0; i < keys.Length; i++)
        {
            byKey[keys[i]].CopyTo(w, i * l);
        }

        return new FeatureTable(keys, w, transitions, l);
    }

    /// <summary>Picks the temperature that gives the gold labels the highest likelihood under the token marginals.</summary>
    private static float Calibrate(NerModel model, IReadOnlyList<BioSentence> corpus, Gazetteer gazetteer)
    {
        var sample = corpus.Take(3000).ToList();
        var bestT = 1f;
        var bestLoss = double.PositiveInfinity;
        var table = model.Second ?? model.First;
        var buffer = new NerFeatures.Buffer();
        var features = new NerFeatures(gazetteer);
        var l = Labels.Length;
        var labelIndex = Labels.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);

        // Emission scores once per sentence (with the document features of the first pass for two-pass models).
        var docLabels = new List<string?[]?>();
        foreach (var doc in Documents(sample))
        {
            if (model.Second is null)
            {
                docLabels.AddRange(doc.Select(_ => (string?[]?)null));
            }
            else
            {
                docLabels.AddRange(DocLabels(doc, model.First, features));
            }
        }

        var emissions = new List<float[]>(sample.Count);
        for (var s = 0; s < sample.Count; s++)
        {
            var tokens = sample[s].Tokens;
            features.Extract(tokens, buffer, docLabels[s]);
            emissions.Add(table.Score(buffer, tokens.Length));
        }

        for (var t = 0.25f; t <= 256f; t *= 1.25f)
        {
            var loss = 0.0;
            for (var s = 0; s < sample.Count; s++)
            {
                var n = sample[s].Tokens.Length;
                var marginals = new double[n * l];
                NerModel.Marginals(emissions[s], n, l, table.Transitions, model.Allowed, t, marginals);
                for (var i = 0; i < n; i++)
                {
                    var gy = labelIndex.GetValueOrDefault(sample[s].Tags[i]);
                    loss -= Math.Log(Math.Max(1e-9, marginals[i * l + gy]));
                }
            }

            if (loss < bestLoss)
            {
                bestLoss = loss;
                bestT = t;
            }
        }

        return bestT;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class NerJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
