using System.CommandLine;
using System.Globalization;
using Casefile.Checks;
using Casefile.Claims;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Output;
using Casefile.Pipeline;
using Casefile.Resolution;

namespace Casefile.Cli;

/// <summary>Entity-resolution options and commands: --facts, --corrections, casefile entities, eval resolution, eval claims.</summary>
public static partial class Cli
{
    private static (Option<string?> Facts, Option<string?> Corrections) ResolutionOptions() =>
        (new Option<string?>("--facts") { Description = "Known facts: FollowTheMoney JSON lines (Person/Organization with name, alias, birthDate…); see docs/resolution.md." },
         new Option<string?>("--corrections") { Description = "Your fixes to entity resolution, JSON lines: {\"merge\": [names]} or {\"split\": name, \"from\": name}." });

    private static ResolverOptions? Resolution(string? facts, string? corrections) =>
        facts is null && corrections is null
            ? null
            : new ResolverOptions
            {
                Facts = facts is null ? null : KnownFacts.Load(facts),
                Corrections = corrections is null ? null : Corrections.Load(corrections),
            };

    private static AnalysisPipeline BuildPipeline(string? facts, string? corrections, string? fx = null)
    {
        var pipeline = Resolution(facts, corrections) is var options && (options is not null || fx is not null)
            ? CasefileAnalyzer.CreateDefaultBuilder(options, fx is null ? null : new CheckOptions { Fx = FxTable.FromCsv(fx) }).Build()
            : CasefileAnalyzer.DefaultPipeline;
        return PipelineForTests.Value?.Invoke(pipeline) ?? pipeline;
    }

    /// <summary>Lets a test replace the pipeline the commands build (a component that fails on purpose), for its own call only.</summary>
    internal static readonly AsyncLocal<Func<AnalysisPipeline, AnalysisPipeline>?> PipelineForTests = new();

    private static Option<string?> FxOption() =>
        new("--fx") { Description = "A finer FX table for the fx-conversion check: CSV lines date,currency,per_usd (date YYYY, YYYY-MM or YYYY-MM-DD)." };

    private static Command ResolutionEvalCommand(TextWriter stdout)
    {
        var tagger = new Option<bool>("--ner") { Description = "Use the tagger's mentions instead of the annotated names (end to end)." };
        return EvalSetCommand(
            stdout, "resolution", "Pairwise precision and recall of entity resolution, per category and overall.",
            "resolution.txt", "wrongly merged or missed pairs",
            ResolutionEval.Read, (parse, d) => ResolutionEval.Score(d, ResolutionEval.Resolve(d, parse.GetValue(tagger))), r => r.Mistakes,
            (docs, results) => ResolutionEval.Report(docs, [.. results.Select(r => r.Counts)]), tagger);
    }

    private static Command ClaimEvalCommand(TextWriter stdout) => EvalSetCommand(
        stdout, "claims", "Source-kind accuracy, source-span F1 and certainty accuracy of claim attribution, per category and overall.",
        "claims.txt", "mistakes (kind, certainty, via, source span)",
        ClaimEval.Read, (_, d) => ClaimEval.Score(d, ClaimEval.Analyze(d)), r => r.Mistakes,
        (docs, results) => ClaimEval.Report(docs, [.. results.Select(r => r.Counts)]));

    private static Command EntitiesCommand(TextWriter stdout, TextWriter stderr, Func<Stream> stdin)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Files (.txt, .html, .jsonl), directories or - for standard input: the documents of one corpus. None: the store (--db).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format", "-f") { Description = "json (the corpus entity table) or text.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "text");
        var (facts, corrections) = ResolutionOptions();
        var db = DbOption();
        var type = new Option<string?>("--type") { Description = "From the store: only PER, ORG or LOC." };
        type.AcceptOnlyFromAmong("PER", "ORG", "LOC");
        var name = new Option<string?>("--name") { Description = "From the store: only entities with this in a name or spelling (any case)." };
        var command = new Command("entities", "Resolve the entities of several documents into one cross-document table, with the rule behind every link; without inputs, list the store's entities.")
        {
            inputs, format, facts, corrections, db, type, name,
        };
        command.SetAction(parse =>
        {
            if ((parse.GetValue(inputs) ?? []).Length == 0)
            {
                return StoreEntities(stdout, parse.GetValue(db), parse.GetValue(type), parse.GetValue(name), parse.GetResult(format) is { Implicit: false } ? parse.GetValue(format)! : "text");
            }

            var resolution = Resolution(parse.GetValue(facts), parse.GetValue(corrections));
            var pipeline = resolution is null ? CasefileAnalyzer.DefaultPipeline : CasefileAnalyzer.CreateDefaultBuilder(resolution).Build();
            var (analyzed, failures) = AnalyzeAll(pipeline, parse.GetValue(inputs), new IngestOptions(), stdin, stderr);
            var caseFiles = analyzed.Select(a => CasefileAnalyzer.ToCaseFile(a)).ToList();
            var entities = CorpusResolver.Resolve(caseFiles, resolution);
            if (parse.GetValue(format) == "text")
            {
                foreach (var e in entities)
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.Id,-5} {e.Type}  {e.Name}  ({e.Mentions} mentions in {e.Documents.Count} document(s))"));
                    foreach (var m in e.Documents)
                    {
                        var source = caseFiles.First(c => c.Document.Id == m.Document).Document.Source ?? m.Document;
                        var why = m.Link is { } l ? string.Create(CultureInfo.InvariantCulture, $"  ← {l.Rule} {l.Score:0.00} with {l.Note}") : "";
                        stdout.WriteLine($"        {source} {m.Entity} \"{m.Name}\"{why}");
                    }
                }
            }
            else
            {
                stdout.WriteLine(CaseFileJson.Serialize(new CorpusFile { Documents = [.. caseFiles.Select(c => c.Document)], Entities = entities }));
            }

            return failures > 0 ? InputFailed : Ok;
        });
        return command;
    }
}
