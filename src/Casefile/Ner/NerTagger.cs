using Casefile.Pipeline;

namespace Casefile.Ner;

/// <summary>One sentence's tagging: a label per token and the probability of that label.</summary>
public sealed record TaggedSentence(string[] Tags, double[] Confidence);

/// <summary>
/// Applies a <see cref="NerModel"/> to tokenised text. Tagging a document runs the first pass over every
/// sentence, then (for two-pass models) a second pass that also sees, for each word, the label the first
/// pass gave its other occurrences in the document. Thread-safe; buffers are per thread.
/// </summary>
public sealed class NerTagger
{
    [ThreadStatic]
    private static NerFeatures.Buffer? t_buffer;

    private readonly NerFeatures _features;
    private readonly int[] _notAtHonorific;

    /// <summary>An emission score no path can win with (and whose marginal is zero at any fitted temperature).</summary>
    private const float Forbidden = -1e4f;

    /// <summary>
    /// Courtesy and academic titles. Before a capitalised word, neither the title nor that word begins an
    /// organisation or a place ("Professor Eastman", "Mr. Ford", "Dr. Lincoln"): decoding holds to that, where the
    /// model alone can be swayed by the word ("Eastman" the company). A name already begun may run through them.
    /// In the training and dev data such a word is a person 172 times and begins an organisation once (a business
    /// called "Mr. …"), a place never (data/models/MODEL.md).
    /// Ranks and offices (General, President, Judge) are left out: "General Motors", "President Hotel".
    /// </summary>
    private static readonly System.Collections.Frozen.FrozenSet<string> Honorifics = System.Collections.Frozen.FrozenSet.ToFrozenSet(
        ["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Mx", "Mx.", "Miss", "Dr", "Dr.", "Prof", "Prof.", "Professor", "Sir", "Dame"],
        StringComparer.Ordinal);

    /// <summary>Pairs a model with the gazetteer lists it was trained with (CF2204 when they differ).</summary>
    public NerTagger(NerModel model, Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gazetteer);
        if (model.GazetteerFingerprint != gazetteer.Fingerprint)
        {
            throw new CasefileException(ErrorCodes.NerModelMismatch,
                "the NER model was trained with other gazetteer lists than data/gazetteers; retrain it (data/models/MODEL.md) and rebuild.");
        }

        Model = model;
        _features = new NerFeatures(gazetteer);
        _notAtHonorific = [.. model.Labels.Select((t, i) => (t, i)).Where(x => x.t is "B-ORG" or "B-LOC").Select(x => x.i)];
    }

    public NerModel Model { get; }

    public IReadOnlyList<TaggedSentence> TagDocument(IReadOnlyList<string[]> sentences, bool confidence = true)
    {
        // One-pass models decode once, with confidences; two-pass models decode the first pass plainly.
        var onePass = Model.Second is null;
        var first = new int[sentences.Count][];
        var firstConfidence = new double[sentences.Count][];
        for (var s = 0; s < sentences.Count; s++)
        {
            AnalysisBudget.ThrowIfExceeded();
            firstConfidence[s] = new double[sentences[s].Length];
            first[s] = Decode(sentences[s], Model.First, null, onePass && confidence ? firstConfidence[s] : null);
        }

        var doc = onePass ? null : DocumentLabels.Compute(sentences, first, Model.Labels);
        var result = new TaggedSentence[sentences.Count];
        for (var s = 0; s < sentences.Count; s++)
        {
            var conf = firstConfidence[s];
            var best = onePass ? first[s] : Decode(sentences[s], Model.Second!, doc![s], confidence ? conf : null);
            result[s] = new TaggedSentence([.. best.Select(y => Model.Labels[y])], conf);
        }

        return result;
    }

    /// <summary>Labels one sentence on its own (no document context).</summary>
    public TaggedSentence TagSentence(string[] tokens) => TagDocument([tokens])[0];

    private int[] Decode(string[] tokens, FeatureTable table, string?[]? docLabels, double[]? confidence)
    {
        var n = tokens.Length;
        var l = Model.Labels.Count;
        var best = new int[n];
        if (n == 0)
        {
            return best;
        }

        var buffer = t_buffer ??= new NerFeatures.Buffer();
        _features.Extract(tokens, buffer, docLabels);
        var scores = table.Score(buffer, n);
        for (var i = 0; i + 1 < n; i++)
        {
            if (!Honorifics.Contains(tokens[i]))
            {
                continue;
            }

            // "Dr." may come as "Dr" and "." from the tokenizer.
            var name = tokens[i + 1] == "." ? i + 2 : i + 1;
            if (name < n && tokens[name].Length > 0 && char.IsUpper(tokens[name][0]))
            {
                for (var k = i; k <= name; k++)
                {
                    foreach (var y in _notAtHonorific)
                    {
                        scores[k * l + y] = Forbidden;
                    }
                }
            }
        }

        NerModel.Viterbi(scores, n, l, table.Transitions, Model.Allowed, best);
        if (confidence is not null)
        {
            var marginals = new double[n * l];
            NerModel.Marginals(scores, n, l, table.Transitions, Model.Allowed, Model.Temperature, marginals);
            for (var i = 0; i < n; i++)
            {
                confidence[i] = marginals[i * l + best[i]];
            }
        }

        return best;
    }
}

/// <summary>
/// The document-level feature of the second pass: for each token, the type (PER, ORG, LOC or O) that the
/// first pass most often gave the same word (lower-cased) at its other positions in the document.
/// </summary>
internal static class DocumentLabels
{
    public static string?[][] Compute(IReadOnlyList<string[]> sentences, int[][] labels, IReadOnlyList<string> labelNames)
    {
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var typeOf = labelNames.Select(t => t.Length > 2 ? Array.IndexOf(BioCorpus.Types, t[2..]) + 1 : 0).ToArray();
        for (var s = 0; s < sentences.Count; s++)
        {
            for (var i = 0; i < sentences[s].Length; i++)
            {
                if (Key(sentences[s][i]) is { } key)
                {
                    if (!counts.TryGetValue(key, out var c))
                    {
                        counts[key] = c = new int[BioCorpus.Types.Length + 1];
                    }

                    c[typeOf[labels[s][i]]]++;
                }
            }
        }

        var result = new string?[sentences.Count][];
        for (var s = 0; s < sentences.Count; s++)
        {
            var r = result[s] = new string?[sentences[s].Length];
            for (var i = 0; i < r.Length; i++)
            {
                if (Key(sentences[s][i]) is not { } key)
                {
                    continue;
                }

                var c = counts[key];
                var own = typeOf[labels[s][i]];
                var bestType = -1;
                var bestCount = 0;
                for (var t = 0; t < c.Length; t++)
                {
                    var n = c[t] - (t == own ? 1 : 0);
                    if (n > bestCount)
                    {
                        bestCount = n;
                        bestType = t;
                    }
                }

                r[i] = bestType < 0 ? null : bestType == 0 ? "O" : BioCorpus.Types[bestType - 1];
            }
        }

        return result;
    }

    private static string? Key(string token) =>
        token.Length >= 2 && token.Any(char.IsLetter) ? NerFeatures.Normalise(token) : null;
}
