using Casefile.Checks;
using Casefile.Claims;
using Casefile.Events;
using Casefile.Model;
using Casefile.Ner;
using Casefile.Output;
using Casefile.Pipeline;
using Casefile.Recognizers.Legal;
using Casefile.Recognizers.Quantities;
using Casefile.Recognizers.Times;
using Casefile.Resolution;
using Casefile.Segmentation;

namespace Casefile;

/// <summary>What <see cref="CasefileAnalyzer.Analyze(string, AnalyzeOptions?)"/> should know about a text.</summary>
public sealed record AnalyzeOptions
{
    public DateOnly? Published { get; init; }
    public string? Title { get; init; }
    public string? Source { get; init; }
    /// <summary>Put the internal tokens layer into the case file as well.</summary>
    public bool IncludeTokens { get; init; }
}

/// <summary>The library's entry point: one call from text to case file.</summary>
public static class CasefileAnalyzer
{
    private static readonly Lazy<AnalysisPipeline> Default = new(() => CreateDefaultBuilder().Build());

    /// <summary>The standard pipeline, validated once and shared (it is immutable and thread-safe).</summary>
    public static AnalysisPipeline DefaultPipeline => Default.Value;

    /// <summary>The standard components in order; add or replace components before calling Build().</summary>
    /// <param name="resolution">Known facts and corrections for entity resolution (none by default).</param>
    /// <param name="checks">A finer FX table for the checks (the shipped annual one by default).</param>
    public static PipelineBuilder CreateDefaultBuilder(ResolverOptions? resolution = null, CheckOptions? checks = null) => new PipelineBuilder()
        .Add(new Tokenizer())
        .Add(new SentenceSplitter())
        .Add(new EntityRecognizer())
        .Add(new QuantityRecognizer())
        .Add(new TimeRecognizer())
        .Add(new LegalRefRecognizer())
        .Add(new EntityResolver(resolution))
        .Add(new ClaimRecognizer())
        .Add(new EventRecognizer())
        .Add(new ConsistencyChecker(checks));

    public static CaseFile Analyze(string text, AnalyzeOptions? options = null)
    {
        options ??= new AnalyzeOptions();
        var document = new Document(text, options.Title, options.Published, options.Source);
        return ToCaseFile(DefaultPipeline.Run(document), options.IncludeTokens);
    }

    public static AnalyzedDocument Run(Document document, IEnumerable<Warning>? inputWarnings = null) =>
        DefaultPipeline.Run(document, inputWarnings);

    public static CaseFile ToCaseFile(AnalyzedDocument analyzed, bool includeTokens = false)
    {
        ArgumentNullException.ThrowIfNull(analyzed);
        var d = analyzed.Document;
        return new CaseFile
        {
            Document = new DocumentInfo(d.Id, d.Title, d.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                d.Language, d.Source, d.Text.Length),
            Warnings = analyzed.Warnings.IsEmpty ? null : analyzed.Warnings,
            Sentences = analyzed.Get(Layers.Sentences),
            Tokens = includeTokens ? analyzed.Get(Layers.Tokens) : null,
            Mentions = analyzed.Has(Layers.LinkedMentions) ? analyzed.Get(Layers.LinkedMentions) : analyzed.Get(Layers.Mentions),
            Entities = analyzed.Has(Layers.Entities) ? analyzed.Get(Layers.Entities) : null,
            Quantities = analyzed.Get(Layers.Quantities),
            Times = analyzed.Get(Layers.Times),
            LegalRefs = analyzed.Get(Layers.LegalRefs),
            Claims = analyzed.Has(Layers.Claims) ? analyzed.Get(Layers.Claims) : null,
            Events = analyzed.Has(Layers.Events) ? analyzed.Get(Layers.Events) : null,
            Timeline = analyzed.Has(Layers.Events) ? Timeline.Of(analyzed.Get(Layers.Events)) : null,
            Findings = analyzed.Has(Layers.Findings) ? analyzed.Get(Layers.Findings) : null,
        };
    }

    public static string ToJson(CaseFile caseFile, bool indented = true) => CaseFileJson.Serialize(caseFile, indented);
}
