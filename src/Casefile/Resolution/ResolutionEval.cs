using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Recognizers.Times;
using Casefile.Segmentation;

namespace Casefile.Resolution;

/// <summary>One annotated span of a resolution test document: a typed name or a span the resolver must find.</summary>
public sealed record GoldSpan(int Start, int End, string Text, string? Type, string Label);

/// <summary>One resolution test document: plain text and its annotated spans.</summary>
public sealed record ResolutionDoc(string Id, string Category, string Note, string Text, IReadOnlyList<GoldSpan> Spans);

/// <summary>Pair counts: pairs of annotated spans put in one entity by the gold labels, by the system, and by both.</summary>
public sealed record PairCounts(int Gold, int System, int Both)
{
    public double Precision => System == 0 ? 1 : (double)Both / System;

    public double Recall => Gold == 0 ? 1 : (double)Both / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static PairCounts operator +(PairCounts a, PairCounts b) => new(a.Gold + b.Gold, a.System + b.System, a.Both + b.Both);
}

/// <summary>
/// The entity-resolution test set format (data/eval/resolution.txt) and its pairwise score. Documents start
/// with <c>## id category: note</c>; text follows, one paragraph per line; <c>[TYPE words =label]</c> marks a
/// name mention (given to the resolver as the tagger's output), <c>[words =label]</c> a pronoun, demonym,
/// short form or description the resolver must find itself. Pairwise precision and recall are computed over
/// all pairs of annotated spans of a document: a pair is positive in the gold when both have the same label
/// (not "-"), and in the system output when both spans are linked to the same entity.
/// </summary>
public static partial class ResolutionEval
{
    [GeneratedRegex(@"\[(?:(PER|ORG|LOC) )?([^\[\]=]+?) =([^\s\[\]]+)\]")]
    private static partial Regex Markup();

    public static IReadOnlyList<ResolutionDoc> Read(string path) =>
        [.. AnnotatedFile.Read(path, ErrorCodes.ResolutionDataMalformed, "resolution data")
            .Select(d => Parse(path, d.Id, d.Category, d.Note, [.. d.Paragraphs]))];

    /// <summary>One document from marked-up text (one paragraph per line), as in the test set file.</summary>
    public static ResolutionDoc FromMarkup(string id, string markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        var lines = markup.Split('\n').Select((l, i) => (l.Trim(), i + 1)).Where(x => x.Item1.Length > 0).ToList();
        return Parse("(markup)", id, "test", string.Empty, lines);
    }

    private static ResolutionDoc Parse(string path, string id, string category, string note, List<(string Line, int Number)> paragraphs)
    {
        var text = new StringBuilder();
        var spans = new List<GoldSpan>();
        foreach (var (line, number) in paragraphs)
        {
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            var last = 0;
            foreach (Match m in Markup().Matches(line))
            {
                Check(path, number, line[last..m.Index]);
                text.Append(line, last, m.Index - last);
                var start = text.Length;
                text.Append(m.Groups[2].Value);
                spans.Add(new GoldSpan(start, text.Length, m.Groups[2].Value, m.Groups[1].Success ? m.Groups[1].Value : null, m.Groups[3].Value));
                last = m.Index + m.Length;
            }

            Check(path, number, line[last..]);
            text.Append(line, last, line.Length - last);
        }

        return new ResolutionDoc(id, category, note, text.ToString(), spans);
    }

    private static void Check(string path, int line, string between)
    {
        if (between.Contains('[') || between.Contains(']'))
        {
            throw new CasefileException(ErrorCodes.ResolutionDataMalformed,
                $"{path}:{line}: a bracket that is not '[TYPE words =label]' or '[words =label]' near \"{between.Trim()}\"; fix the markup.");
        }
    }

    /// <summary>Gives the resolver the annotated names as if the tagger had found them.</summary>
    private sealed class GoldMentions(IReadOnlyList<GoldSpan> spans) : IComponent
    {
        public string Name => "gold-mentions";

        public IReadOnlyList<Layer> Requires => [];

        public IReadOnlyList<Layer> Provides => [Layers.Mentions];

        public void Process(AnalysisContext context) =>
            context.Set(Layers.Mentions, [.. spans.Where(s => s.Type is not null)
                .Select(s => new Mention { Start = s.Start, End = s.End, Text = s.Text, Type = s.Type!, Confidence = 1 })]);
    }

    /// <summary>Runs the resolver on one document: with the gold names, or with the tagger's (<paramref name="useTagger"/>).</summary>
    public static AnalyzedDocument Resolve(ResolutionDoc doc, bool useTagger, ResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var builder = new PipelineBuilder().Add(new Tokenizer()).Add(new SentenceSplitter());
        builder.Add(useTagger ? new Ner.EntityRecognizer() : new GoldMentions(doc.Spans));
        builder.Add(new TimeRecognizer()).Add(new EntityResolver(options));
        return builder.Build().Run(new Document(doc.Text, null, null, doc.Id));
    }

    /// <summary>Pair counts of one document and the pairs the system got wrong (for --errors).</summary>
    public static (PairCounts Counts, IReadOnlyList<string> Mistakes) Score(ResolutionDoc doc, AnalyzedDocument analyzed)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(analyzed);
        var linked = analyzed.Get(Layers.LinkedMentions).Where(m => m.Entity is not null)
            .GroupBy(m => (m.Start, m.End)).ToDictionary(g => g.Key, g => g.First());
        var system = doc.Spans.Select(s => linked.TryGetValue((s.Start, s.End), out var m) ? m : null).ToList();
        int gold = 0, sys = 0, both = 0;
        var mistakes = new List<string>();
        for (var i = 0; i < doc.Spans.Count; i++)
        {
            for (var j = i + 1; j < doc.Spans.Count; j++)
            {
                var a = doc.Spans[i];
                var b = doc.Spans[j];
                var g = a.Label != "-" && a.Label == b.Label;
                var s = system[i]?.Entity is { } ei && ei == system[j]?.Entity;
                gold += g ? 1 : 0;
                sys += s ? 1 : 0;
                both += g && s ? 1 : 0;
                if (g != s)
                {
                    var why = system[j]?.Link is { } l ? $"{l.Rule} {l.Score.ToString("0.##", CultureInfo.InvariantCulture)}" : "unlinked";
                    mistakes.Add($"{doc.Id} {(s ? "wrongly merged" : "missed")}: \"{a.Text}\" ={a.Label} / \"{b.Text}\" ={b.Label} ({why})");
                }
            }
        }

        return (new PairCounts(gold, sys, both), mistakes);
    }

    /// <summary>The report printed by <c>casefile eval resolution</c>: per category and overall, ending with
    /// <c>precision = …</c> and <c>recall = …</c> lines.</summary>
    public static string Report(IReadOnlyList<ResolutionDoc> docs, IReadOnlyList<PairCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(docs);
        ArgumentNullException.ThrowIfNull(counts);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"{"category",-12} {"docs",5} {"gold",6} {"system",7} {"both",6}  {"precision",9}  {"recall",6}  {"f1",6}");
        var total = new PairCounts(0, 0, 0);
        foreach (var group in docs.Select((d, i) => (d, c: counts[i])).GroupBy(x => x.d.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var c = group.Aggregate(new PairCounts(0, 0, 0), (acc, x) => acc + x.c);
            total += c;
            sb.AppendLine(inv, $"{group.Key,-12} {group.Count(),5} {c.Gold,6} {c.System,7} {c.Both,6}  {c.Precision,9:0.0000}  {c.Recall,6:0.0000}  {c.F1,6:0.0000}");
        }

        sb.AppendLine(inv, $"{"all",-12} {docs.Count,5} {total.Gold,6} {total.System,7} {total.Both,6}  {total.Precision,9:0.0000}  {total.Recall,6:0.0000}  {total.F1,6:0.0000}");
        sb.AppendLine(inv, $"precision = {total.Precision:0.0000}");
        sb.Append(inv, $"recall = {total.Recall:0.0000}");
        return sb.ToString();
    }
}
