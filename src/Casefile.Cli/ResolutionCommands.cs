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

    private static AnalysisPipeline BuildPipeline(string? facts, string? corrections, string? fx = null) =>
        Resolution(facts, corrections) is var options && (options is not null || fx is not null)
            ? CasefileAnalyzer.CreateDefaultBuilder(options, fx is null ? null : new CheckOptions { Fx = FxTable.FromCsv(fx) }).Build()
            : CasefileAnalyzer.DefaultPipeline;

    private static Option<string?> FxOption() =>
        new("--fx") { Description = "A finer FX table for the fx-conversion check: CSV lines date,currency,per_usd (date YYYY, YYYY-MM or YYYY-MM-DD)." };

    private static Command ResolutionEvalCommand(TextWriter stdout)
    {
        var data = new Option<string>("--data")
        {
            Description = "Annotated documents in the resolution test format (data/eval/resolution.txt).",
            DefaultValueFactory = _ => "data/eval/resolution.txt",
        };
        var tagger = new Option<bool>("--ner") { Description = "Use the tagger's mentions instead of the annotated names (end to end)." };
        var errors = new Option<int>("--errors") { Description = "Also print up to N wrongly merged or missed pairs.", DefaultValueFactory = _ => 0 };
        var command = new Command("resolution", "Pairwise precision and recall of entity resolution, per category and overall.") { data, tagger, errors };
        command.SetAction(parse =>
        {
            var docs = ResolutionEval.Read(parse.GetValue(data)!);
            var useTagger = parse.GetValue(tagger);
            var results = docs.AsParallel().AsOrdered().Select(d => ResolutionEval.Score(d, ResolutionEval.Resolve(d, useTagger))).ToList();
            var max = parse.GetValue(errors);
            foreach (var mistake in results.SelectMany(r => r.Mistakes).Take(max))
            {
                stdout.WriteLine(mistake);
            }

            stdout.WriteLine(ResolutionEval.Report(docs, [.. results.Select(r => r.Counts)]));
            return Ok;
        });
        return command;
    }

    private static Command ClaimEvalCommand(TextWriter stdout)
    {
        var data = new Option<string>("--data")
        {
            Description = "Annotated documents in the claims test format (data/eval/claims.txt).",
            DefaultValueFactory = _ => "data/eval/claims.txt",
        };
        var errors = new Option<int>("--errors") { Description = "Also print up to N mistakes (kind, certainty, via, source span).", DefaultValueFactory = _ => 0 };
        var command = new Command("claims", "Source-kind accuracy, source-span F1 and certainty accuracy of claim attribution, per category and overall.") { data, errors };
        command.SetAction(parse =>
        {
            var docs = ClaimEval.Read(parse.GetValue(data)!);
            var results = docs.AsParallel().AsOrdered().Select(d => ClaimEval.Score(d, ClaimEval.Analyze(d))).ToList();
            foreach (var mistake in results.SelectMany(r => r.Mistakes).Take(parse.GetValue(errors)))
            {
                stdout.WriteLine(mistake);
            }

            stdout.WriteLine(ClaimEval.Report(docs, [.. results.Select(r => r.Counts)]));
            return Ok;
        });
        return command;
    }

    private static Command EntitiesCommand(TextWriter stdout, TextWriter stderr, Func<Stream> stdin)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Files (.txt, .html, .jsonl), directories or - for standard input: the documents of one corpus.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f") { Description = "json (the corpus entity table) or text.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "text");
        var (facts, corrections) = ResolutionOptions();
        var command = new Command("entities", "Resolve the entities of several documents into one cross-document table, with the rule behind every link.")
        {
            inputs, format, facts, corrections,
        };
        command.SetAction(parse =>
        {
            var resolution = Resolution(parse.GetValue(facts), parse.GetValue(corrections));
            var pipeline = resolution is null ? CasefileAnalyzer.DefaultPipeline : CasefileAnalyzer.CreateDefaultBuilder(resolution).Build();
            var items = (parse.GetValue(inputs) ?? []).SelectMany(p => Ingestor.Read(p, new IngestOptions(), stdin)).ToList();
            var failures = 0;
            foreach (var item in items.Where(i => i.Error is not null))
            {
                failures++;
                stderr.WriteLine($"error {item.Error!.Code}: {item.Error.Message}");
            }

            var caseFiles = items.Where(i => i.Document is not null).AsParallel().AsOrdered()
                .Select(i => CasefileAnalyzer.ToCaseFile(pipeline.Run(i.Document!, i.Warnings))).ToList();
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
