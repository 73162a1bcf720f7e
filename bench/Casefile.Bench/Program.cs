using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Casefile;
using Casefile.Claims;
using Casefile.Events;
using Casefile.Model;
using Casefile.Ner;
using Casefile.Pipeline;
using Casefile.Recognizers.Legal;
using Casefile.Recognizers.Quantities;
using Casefile.Recognizers.Times;
using Casefile.Resolution;
using Casefile.Segmentation;

// Throughput of segmentation + recognisers on ~10 MB of the shipped samples, one core, after warm-up;
// allocations per input character; a bare Regex word scan over the same text as the in-process baseline;
// and, with --cold, the wall time of `./casefile analyze` on a sample from a fresh process.
if (args.Contains("--serve"))
{
    await ServeBench.Run(args);
    return;
}

if (args.Contains("--growth"))
{
    GrowthBench.Run(FindRoot(), args);
    return;
}

if (args.Contains("--ingest"))
{
    IngestBench.Run(args);
    return;
}

var root = FindRoot();
var megabytes = args.Contains("--quick") ? 2 : 10;
var corpus = BuildCorpus(root, megabytes * 1_000_000);
var docs = Split(corpus, 6_000);
Console.WriteLine($"corpus: {corpus.Length:N0} chars in {docs.Count:N0} documents of ~6 KB, from samples/*.txt; {Environment.ProcessorCount} cores, one used");

Measure("warm-up", docs, RunAll, quiet: true);
var baseline = Measure("baseline: Regex \\w+ scan", docs, d => WordRegex().Count(d));
var tokens = Measure("tokenizer", docs, d => Tokenizer.Tokenize(d).Length);
var pipeline = Measure("segmentation + recognisers", docs, RunAll);
Console.WriteLine($"ratio: segmentation + recognisers run at {pipeline / baseline:0.00}x the speed of the Regex word scan");
Console.WriteLine($"result: {pipeline / 1e6:0.00} MB/s per core (target 5), tokenizer alone {tokens / 1e6:0.00} MB/s");

// NER: loading the model and its lists (first use in this process), then tagging whole documents.
var load = Stopwatch.StartNew();
var model = NerModel.Default; // also loads the gazetteers and the word clusters (in parallel)
var recognizer = new EntityRecognizer(model, Gazetteer.Default);
load.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ner load: {load.Elapsed.TotalMilliseconds:0} ms (target < 200 ms) for the model ({model.FeatureCount:N0} feature rows), {Gazetteer.Default.ListNames.Count} gazetteer lists and {WordClusters.Default.Count:N0} word clusters"));
var nerPipeline = new PipelineBuilder().Add(new Tokenizer()).Add(new SentenceSplitter()).Add(recognizer).Build();
var nerDocs = docs.Take(Math.Max(1, docs.Count / 4)).ToList();
Measure("ner warm-up", nerDocs, d => nerPipeline.Run(new Document(d)).Get(Layers.Mentions).Length, quiet: true);
var ner = Measure("tokens + sentences + NER", nerDocs, d => nerPipeline.Run(new Document(d)).Get(Layers.Mentions).Length);
Console.WriteLine($"result: NER tagging (with tokenizer and sentence splitter) {ner / 1e6:0.00} MB/s per core (target 1)");

// Entity resolution: the whole pipeline with and without the resolver, same documents, same process.
var withoutResolver = new PipelineBuilder().Add(new Tokenizer()).Add(new SentenceSplitter()).Add(recognizer)
    .Add(new QuantityRecognizer()).Add(new TimeRecognizer()).Add(new LegalRefRecognizer()).Build();
var withResolver = new PipelineBuilder().Add(new Tokenizer()).Add(new SentenceSplitter()).Add(recognizer)
    .Add(new QuantityRecognizer()).Add(new TimeRecognizer()).Add(new LegalRefRecognizer()).Add(new EntityResolver()).Build();
var withClaims = new PipelineBuilder().Add(new Tokenizer()).Add(new SentenceSplitter()).Add(recognizer)
    .Add(new QuantityRecognizer()).Add(new TimeRecognizer()).Add(new LegalRefRecognizer()).Add(new EntityResolver()).Add(new ClaimRecognizer()).Build();
var withEvents = new PipelineBuilder().Add(new Tokenizer()).Add(new SentenceSplitter()).Add(recognizer)
    .Add(new QuantityRecognizer()).Add(new TimeRecognizer()).Add(new LegalRefRecognizer()).Add(new EntityResolver()).Add(new ClaimRecognizer())
    .Add(new EventRecognizer()).Build();
var full = CasefileAnalyzer.DefaultPipeline;
Measure("pipeline warm-up", nerDocs, d => full.Run(new Document(d)).Get(Layers.Findings).Length, quiet: true);
// Interleaved rounds, best of each, so that load from elsewhere on the machine hits all alike.
double before = 0, after = 0, claims = 0, events = 0, checks = 0;
for (var round = 0; round < 3; round++)
{
    var last = round == 2;
    before = Math.Max(before, Measure("full pipeline, no resolution", nerDocs, d => withoutResolver.Run(new Document(d)).Get(Layers.Mentions).Length, quiet: !last));
    after = Math.Max(after, Measure("full pipeline with resolution", nerDocs, d => withResolver.Run(new Document(d)).Get(Layers.Entities).Length, quiet: !last));
    claims = Math.Max(claims, Measure("full pipeline with claims", nerDocs, d => withClaims.Run(new Document(d)).Get(Layers.Claims).Length, quiet: !last));
    events = Math.Max(events, Measure("full pipeline with events", nerDocs, d => withEvents.Run(new Document(d)).Get(Layers.Events).Length, quiet: !last));
    checks = Math.Max(checks, Measure("full pipeline with checks", nerDocs, d => full.Run(new Document(d)).Get(Layers.Findings).Length, quiet: !last));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"best of 9 runs each: {before / 1e6:0.00} (no resolution) vs {after / 1e6:0.00} (+ resolution) vs {claims / 1e6:0.00} (+ claims) vs {events / 1e6:0.00} (+ events) vs {checks / 1e6:0.00} (+ checks) M chars/s per core"));
Console.WriteLine($"result: entity resolution keeps {after / before:P0} of the full pipeline's throughput (target >= 80%)");
Console.WriteLine($"result: claims keep {claims / after:P0}; events keep {events / claims:P0}; checks add {events / checks - 1:P1} to the pipeline's time (target < 10%); the whole default pipeline runs at {checks / 1e6:0.00} MB/s per core (target >= 1)");

if (args.Contains("--cold"))
{
    ColdStart(root);
}

static int RunAll(string text)
{
    var tokens = Tokenizer.Tokenize(text);
    var span = tokens.AsSpan();
    return SentenceSplitter.Split(text, span).Length
        + QuantityRecognizer.Recognize(text, span).Length
        + TimeRecognizer.Recognize(text, span, new DateOnly(2023, 5, 2)).Length
        + LegalRefRecognizer.Recognize(text, span).Length;
}

static double Measure(string name, List<string> docs, Func<string, int> work, bool quiet = false)
{
    var chars = docs.Sum(d => (long)d.Length);
    var best = double.MaxValue;
    long allocated = 0;
    var checksum = 0;
    for (var run = 0; run < 3; run++)
    {
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        foreach (var d in docs)
        {
            checksum += work(d);
        }

        sw.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
    }

    var rate = chars / best;
    if (!quiet)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-32} {rate / 1e6,8:0.00} M chars/s per core   {allocated / (double)chars,6:0.00} bytes allocated per char   (best of 3, {best:0.000} s, checksum {checksum})"));
    }

    return rate;
}

static void ColdStart(string root)
{
    var sample = Directory.GetFiles(Path.Combine(root, "samples"), "*.txt").Order(StringComparer.Ordinal).First();
    var script = Path.Combine(root, "casefile");
    Run(script, sample); // builds if stale
    var times = new List<double>();
    for (var i = 0; i < 7; i++)
    {
        var sw = Stopwatch.StartNew();
        Run(script, sample);
        times.Add(sw.Elapsed.TotalSeconds);
    }

    times.Sort();
    Console.WriteLine($"cold start: ./casefile analyze {Path.GetFileName(sample)} ({new FileInfo(sample).Length:N0} bytes): median {times[3]:0.000} s, min {times[0]:0.000} s over 7 fresh processes (target < 0.5 s)");

    static void Run(string script, string sample)
    {
        using var p = Process.Start(new ProcessStartInfo(script, ["analyze", sample]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"casefile exited {p.ExitCode}: {p.StandardError.ReadToEnd()}");
        }
    }
}

static string BuildCorpus(string root, int size)
{
    var texts = Directory.GetFiles(Path.Combine(root, "samples"), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
    if (texts.Count == 0)
    {
        throw new InvalidOperationException("no samples/*.txt to build the corpus from");
    }

    var sb = new StringBuilder(size + 10_000);
    var i = 0;
    while (sb.Length < size)
    {
        sb.Append(texts[i++ % texts.Count]).Append("\n\n");
    }

    return sb.ToString();
}

static List<string> Split(string corpus, int size)
{
    var docs = new List<string>();
    for (var start = 0; start < corpus.Length; start += size)
    {
        docs.Add(corpus.Substring(start, Math.Min(size, corpus.Length - start)));
    }

    return docs;
}

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Casefile.slnx")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
}

internal static partial class Program
{
    [GeneratedRegex(@"\w+")]
    private static partial Regex WordRegex();
}
