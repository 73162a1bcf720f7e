using System.Globalization;
using System.Text.RegularExpressions;
using Casefile.Model;
using Casefile.Ner;
using Casefile.Pipeline;
using Casefile.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Casefile.Tests;

public sealed class NerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("casefile-ner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Temp(string name, string content)
    {
        var path = System.IO.Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Bio_reader_maps_types_repairs_iob1_and_keeps_documents()
    {
        var path = Temp("a.bio", "# doc = one\nMarta\tI-PER\nVole\tI-PER\nof\tO\nBrenko\tB-Organisation\nBank\tI-Organisation\nin\tO\nGerman\tB-MISC\n\nHe\tO\nleft\tO\n# doc = two\nOrsk\tB-LOC\n");
        var s = BioCorpus.Read(path);
        Assert.Equal(3, s.Count);
        Assert.Equal(["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "O", "O"], s[0].Tags);
        Assert.Equal("one", s[0].Doc);
        Assert.Equal("one", s[1].Doc);
        Assert.Equal("two", s[2].Doc);
    }

    [Fact]
    public void Bio_halves_alternate_documents_and_weights_apply()
    {
        var path = Temp("h.bio", "# doc = d1\nA\tO\n\n# doc = d2\nB\tO\n\n# doc = d3\nC\tO\n\nD\tO\n");
        Assert.Equal(["d1", "d3", "d3"], BioCorpus.ReadList(path + "#A").Select(s => s.Doc));
        Assert.Equal(["d2"], BioCorpus.ReadList(path + "#B").Select(s => s.Doc));
        Assert.All(BioCorpus.ReadList(path + "@0.5"), s => Assert.Equal(0.5f, s.Weight));
    }

    [Fact]
    public void Malformed_data_gets_coded_errors()
    {
        var noTab = Temp("bad.bio", "Marta B-PER\n");
        Assert.Equal(ErrorCodes.NerDataMalformed, Assert.Throws<CasefileException>(() => BioCorpus.Read(noTab)).Code);
        Assert.Equal(ErrorCodes.NerDataNotFound, Assert.Throws<CasefileException>(() => BioCorpus.Read("/nonexistent/x.bio")).Code);
        Assert.Equal(ErrorCodes.NerDataMalformed, Assert.Throws<CasefileException>(() => BioCorpus.ParseInline("[PER Ana [LOC Orsk]]", "t")).Code);
        Assert.Equal(ErrorCodes.NerDataMalformed, Assert.Throws<CasefileException>(() => BioCorpus.ParseInline("[XYZ Ana] came", "t")).Code);
        Assert.Equal(ErrorCodes.NerDataMalformed, Assert.Throws<CasefileException>(() => BioCorpus.ParseInline("[PER Ana]s came", "t")).Code);
        Assert.Equal(ErrorCodes.Usage, Assert.Throws<CasefileException>(() => BioCorpus.ReadList(noTab + "@zero")).Code);
    }

    [Fact]
    public void Inline_annotation_is_tokenised_like_analyze()
    {
        var s = BioCorpus.ParseInline("Mr. [PER Lev Osmanov]’s lawyer met the [ORG Brenko Bank] board in [LOC Orsk].", "t");
        Assert.Equal(["Mr", ".", "Lev", "Osmanov", "’s", "lawyer", "met", "the", "Brenko", "Bank", "board", "in", "Orsk", "."], s.Tokens);
        Assert.Equal(["O", "O", "B-PER", "I-PER", "O", "O", "O", "O", "B-ORG", "I-ORG", "O", "O", "B-LOC", "O"], s.Tags);
    }

    [Fact]
    public void Score_counts_exact_spans_only()
    {
        var score = new NerScore();
        // gold: PER 0-2, LOC 4; predicted: PER 0-1 (boundary error), LOC 4 (right), ORG 6 (spurious)
        score.Add(["B-PER", "I-PER", "O", "O", "B-LOC", "O", "O"], ["B-PER", "O", "O", "O", "B-LOC", "O", "B-ORG"]);
        Assert.Equal((1, 2, 1), score.Counts());
        Assert.Equal(1 / 3.0, score.Precision(), 6);
        Assert.Equal(0.5, score.Recall(), 6);
        Assert.Equal(0.4, score.F1(), 6);
        Assert.Equal(1.0, score.F1("LOC"), 6);
        Assert.Equal(0.0, score.F1("PER"), 6);
        Assert.EndsWith("F1 = 0.4000", score.Report(), StringComparison.Ordinal);
    }

    [Fact]
    public void Viterbi_never_starts_a_span_with_I_property()
    {
        var labels = NerTrainer.Labels;
        var allowed = NerModel.AllowedTransitions(labels);
        var transitions = new float[(labels.Length + 1) * labels.Length];
        Prop.ForAll(Gen.Choose(-1000, 1000).Select(x => x / 10f).ArrayOf().Where(a => a.Length >= labels.Length).ToArbitrary(), raw =>
        {
            var n = raw.Length / labels.Length;
            var best = new int[n];
            NerModel.Viterbi(raw.AsSpan(0, n * labels.Length), n, labels.Length, transitions, allowed, best);
            for (var i = 0; i < n; i++)
            {
                var tag = labels[best[i]];
                if (tag[0] == 'I' && (i == 0 || labels[best[i - 1]][2..] != tag[2..]))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Marginals_are_probabilities()
    {
        var labels = NerTrainer.Labels;
        var l = labels.Length;
        var rng = new Random(3);
        var scores = Enumerable.Range(0, 5 * l).Select(_ => (float)(rng.NextDouble() * 10 - 5)).ToArray();
        var m = new double[5 * l];
        NerModel.Marginals(scores, 5, l, new float[(l + 1) * l], NerModel.AllowedTransitions(labels), 2f, m);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1.0, m.Skip(i * l).Take(l).Sum(), 6);
        }

        Assert.Equal(0.0, m[2], 9); // I-PER cannot open the sentence
    }

    private static List<BioSentence> Toy() =>
    [
        .. new[]
        {
            "[PER Lev Osmanov] met [PER Dana Kurmet] in [LOC Orsk] on Monday.",
            "Prosecutors said [PER Osmanov] had worked for [ORG Brenko Bank] in [LOC Tarsk].",
            "The [ORG Brenko Bank] board fired [PER Ilya Petrenko] last year.",
            "Officials in [LOC Orsk] declined to comment.",
            "[PER Kurmet] told the [ORG Tarsk City Court] that she was innocent.",
            "Investigators from the [ORG State Audit Service] visited [LOC Karstan] twice.",
        }.Select((line, i) => BioCorpus.ParseInline(line, "toy") with { Doc = "toy" + (i / 3) }),
    ];

    [Fact]
    public void Training_is_deterministic_and_the_saved_model_round_trips()
    {
        var options = new NerTrainOptions { Epochs = 4, Seed = 7, Folds = 2, Prune = 0 };
        var a = NerTrainer.Train(Toy(), null, Gazetteer.Default, options);
        var b = NerTrainer.Train(Toy(), null, Gazetteer.Default, options);
        var pa = Temp("a.bin", "");
        var pb = Temp("b.bin", "");
        a.Save(pa);
        b.Save(pb);
        Assert.Equal(File.ReadAllBytes(pa), File.ReadAllBytes(pb));

        var loaded = NerModel.Load(pa);
        var t1 = new NerTagger(a, Gazetteer.Default);
        var t2 = new NerTagger(loaded, Gazetteer.Default);
        foreach (var s in Toy())
        {
            Assert.Equal(t1.TagSentence(s.Tokens).Tags, t2.TagSentence(s.Tokens).Tags);
        }

        // The toy model learns its own training data.
        Assert.Equal(1.0, NerTrainer.Evaluate(t2, Toy()).F1(), 6);
    }

    [Fact]
    public void Damaged_or_foreign_model_files_get_coded_errors()
    {
        var junk = Temp("junk.bin", "not a model");
        Assert.Equal(ErrorCodes.NerModelInvalid, Assert.Throws<CasefileException>(() => NerModel.Load(junk)).Code);
        var model = NerTrainer.Train(Toy(), null, Gazetteer.Default, new NerTrainOptions { Epochs = 1, TwoPass = false });
        var path = Temp("t.bin", "");
        model.Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Equal(ErrorCodes.NerModelInvalid, Assert.Throws<CasefileException>(() => NerModel.Load(path)).Code);
        var other = new Gazetteer([("only", "Orsk\n")]);
        Assert.Equal(ErrorCodes.NerModelMismatch, Assert.Throws<CasefileException>(() => new EntityRecognizer(model, other)).Code);
    }

    [Fact]
    public void Shipped_model_matches_the_compiled_gazetteers_and_is_small()
    {
        Assert.Equal(Gazetteer.Default.Fingerprint, NerModel.Default.GazetteerFingerprint);
        Assert.True(new FileInfo(Repo.Path("data", "models", "ner.bin")).Length < 4_000_000, "data/models/ner.bin should stay under 4 MB");
        Assert.True(WordClusters.Default.Count > 50_000, "word clusters are compiled in");
        Assert.True(WordClusters.Default.TryGet("the", out var the));
        Assert.Equal(((short)10, (short)10, (short)324), the);
        Assert.False(WordClusters.Default.TryGet("the\t10", out _));
        var lists = Directory.GetFiles(Repo.Path("data", "gazetteers"), "*.tsv").Select(f => (Path.GetFileNameWithoutExtension(f), File.ReadAllText(f))).ToList();
        Assert.Equal(Gazetteer.Default.Fingerprint, new Gazetteer(lists).Fingerprint);
    }

    [Fact]
    public void Half_weights_widen_exactly()
    {
        var halves = new Half[65_536 + 5];
        for (var i = 0; i < halves.Length; i++)
        {
            halves[i] = BitConverter.UInt16BitsToHalf((ushort)i);
        }

        var floats = new float[halves.Length];
        FeatureTable.ToSingle(halves, floats);
        for (var i = 0; i < halves.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToUInt32Bits((float)halves[i]), BitConverter.SingleToUInt32Bits(floats[i]));
        }
    }

    [Theory]
    [InlineData("Mr. Lev Osmanov’s lawyer spoke in Orsk.", "PER:Lev Osmanov|LOC:Orsk")]
    [InlineData("President Dauren Kaliyev met the OSCE envoy in Vienna on Monday.", "PER:Dauren Kaliyev|ORG:OSCE|LOC:Vienna")]
    [InlineData("The ex-head of the National Security Committee, Bolat Seitkali, was detained.", "ORG:National Security Committee|PER:Bolat Seitkali")]
    [InlineData("Prosecutors said the money was moved to accounts in Cyprus.", "LOC:Cyprus")]
    [InlineData("Officials declined to comment on the report.", "")]
    [InlineData("The lawyer, Ms. Aktobe, said the ruling would be appealed.", "PER:Aktobe")] // the model alone: LOC
    [InlineData("Dr Ferrostal wrote to Dr. Sberbank about the loan.", "PER:Ferrostal|PER:Sberbank")]
    public void Analyze_finds_mentions_with_titles_and_possessives_outside(string text, string expected)
    {
        var analyzed = CasefileAnalyzer.Run(new Document(text));
        SpanInvariant.Check(analyzed);
        var got = string.Join("|", analyzed.Get(Layers.Mentions).Select(m => $"{m.Type}:{m.Text}"));
        Assert.Equal(expected, got);
    }

    [Fact]
    public void Challenge_set_is_big_enough_and_parses()
    {
        var set = BioCorpus.Read(Repo.Path("data", "eval", "ner-challenge.txt"));
        Assert.True(set.Count >= 100, $"challenge set has {set.Count} sentences");
        Assert.True(set.Sum(s => BioCorpus.Spans(s.Tags).Count) >= 300);
    }

    /// <summary>
    /// Evaluation floor that needs no ../shared: two-fold cross-validation on our challenge set (train a
    /// throw-away model on the odd sentences, test on the even ones). The shipped model never sees the set.
    /// </summary>
    [Fact]
    public void Training_generalises_across_halves_of_the_challenge_set()
    {
        var all = BioCorpus.Read(Repo.Path("data", "eval", "ner-challenge.txt"));
        var train = all.Where((_, i) => i % 2 == 1).ToList();
        var test = all.Where((_, i) => i % 2 == 0).ToList();
        var model = NerTrainer.Train(train, null, Gazetteer.Default, new NerTrainOptions { Epochs = 5, TwoPass = false });
        var score = NerTrainer.Evaluate(new NerTagger(model, Gazetteer.Default), test);
        Assert.True(score.F1() >= ChallengeFloor, $"challenge F1 {score.F1():F4} fell below {ChallengeFloor}");
    }

    private const double ChallengeFloor = 0.70; // measured 0.7749

    /// <summary>Evaluation floor on real data: a small GUM subset, one pass, must stay above the floor on GUM dev.</summary>
    [Fact]
    public void Training_on_a_gum_subset_stays_above_the_floor()
    {
        var shared = Repo.Shared;
        if (shared is null || !File.Exists(System.IO.Path.Combine(shared, "data", "ner", "gum", "train.bio")))
        {
            Assert.Skip("../shared/data/ner/gum is absent (a fresh clone has no ../shared); NER floor check skipped.");
        }

        var train = BioCorpus.Read(System.IO.Path.Combine(shared, "data", "ner", "gum", "train.bio")).Take(1500).ToList();
        var dev = BioCorpus.Read(System.IO.Path.Combine(shared, "data", "ner", "gum", "dev.bio"));
        var model = NerTrainer.Train(train, null, Gazetteer.Default, new NerTrainOptions { Epochs = 5, TwoPass = false });
        var f1 = NerTrainer.Evaluate(new NerTagger(model, Gazetteer.Default), dev).F1();
        Assert.True(f1 >= GumSubsetFloor, $"GUM dev F1 {f1:F4} after training on 1,500 GUM sentences fell below {GumSubsetFloor}");
    }

    private const double GumSubsetFloor = 0.62; // measured 0.6699

    /// <summary>The shipped model reproduces every score data/models/MODEL.md reports for data in ../shared.</summary>
    [Fact]
    public void Shipped_model_reproduces_the_scores_in_MODEL_md()
    {
        var shared = Repo.Shared;
        if (shared is null || !Directory.Exists(System.IO.Path.Combine(shared, "data", "ner")))
        {
            Assert.Skip("../shared/data/ner is absent (a fresh clone has no ../shared); shipped-model score check skipped.");
        }

        var rows = ScoreRows().ToList();
        Assert.True(rows.Count >= 3, "MODEL.md should report at least GUM dev, UNER dev and the challenge set");
        var tagger = new NerTagger(NerModel.Default, Gazetteer.Default);
        foreach (var (data, reported) in rows)
        {
            var path = data.StartsWith("data/", StringComparison.Ordinal) ? Repo.Path(data) : System.IO.Path.Combine(shared, "data", "ner", data);
            var f1 = NerTrainer.Evaluate(tagger, BioCorpus.ReadList(path)).F1();
            Assert.True(Math.Abs(f1 - reported) < 0.00005, $"{data}: measured F1 {f1:F4}, MODEL.md says {reported:F4}");
        }
    }

    /// <summary>Rows of the scores table in MODEL.md: | name | `data` | F1 |.</summary>
    private static IEnumerable<(string Data, double F1)> ScoreRows()
    {
        foreach (var line in File.ReadLines(Repo.Path("data", "models", "MODEL.md")))
        {
            var m = Regex.Match(line, @"^\|[^|]+\|\s*`([^`]+)`\s*\|\s*(0\.\d{4})\s*\|");
            if (m.Success)
            {
                yield return (m.Groups[1].Value, double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            }
        }
    }
}
