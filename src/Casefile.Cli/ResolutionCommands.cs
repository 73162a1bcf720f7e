using System.CommandLine;
using Casefile.Pipeline;
using Casefile.Resolution;

namespace Casefile.Cli;

/// <summary>Entity-resolution options and commands: --facts, --corrections, casefile entities, eval resolution.</summary>
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

    private static AnalysisPipeline BuildPipeline(string? facts, string? corrections) =>
        Resolution(facts, corrections) is { } options ? CasefileAnalyzer.CreateDefaultBuilder(options).Build() : CasefileAnalyzer.DefaultPipeline;

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
}
