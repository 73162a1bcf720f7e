using System.CommandLine;
using Casefile.Checks;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Resolution;

namespace Casefile.Cli;

/// <summary><c>casefile check</c> and <c>casefile eval checks</c>.</summary>
public static partial class Cli
{
    private static Command CheckCommand(TextWriter stdout, TextWriter stderr, Func<Stream> stdin)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Files (.txt, .html, .jsonl), directories or - for standard input; several documents are also checked against each other.",
            Arity = ArgumentArity.OneOrMore,
        };
        var published = new Option<string?>("--published") { Description = "Publication date (YYYY-MM-DD) for documents that state none." };
        var (facts, corrections) = ResolutionOptions();
        var fx = FxOption();
        var command = new Command("check", "Consistency checks: what does not add up, what was verified, with the reasoning and evidence; inconsistencies first.")
        {
            inputs, published, facts, corrections, fx,
        };
        command.SetAction(parse =>
        {
            var pipeline = BuildPipeline(parse.GetValue(facts), parse.GetValue(corrections), parse.GetValue(fx));
            var options = new IngestOptions { Published = ParsePublished(parse.GetValue(published)) };
            var (analyzed, failures) = AnalyzeAll(pipeline, parse.GetValue(inputs), options, stdin, stderr);
            var caseFiles = analyzed.Select(a => CasefileAnalyzer.ToCaseFile(a)).ToList();
            var inconsistent = 0;
            foreach (var cf in caseFiles)
            {
                var findings = cf.Findings ?? [];
                inconsistent += findings.Count(f => f.Status == "inconsistent");
                stdout.WriteLine($"# {cf.Document.Source ?? cf.Document.Id}: {findings.Count(f => f.Status == "inconsistent")} inconsistent, {findings.Count(f => f.Status == "unverifiable")} unverifiable, {findings.Count(f => f.Status == "consistent")} consistent");
                foreach (var f in findings)
                {
                    stdout.WriteLine($"  {Mark(f)} {f.Check,-17} {f.Message}");
                }
            }

            if (caseFiles.Count > 1)
            {
                var cross = CrossDocument.Check(caseFiles, CorpusResolver.Resolve(caseFiles, Resolution(parse.GetValue(facts), parse.GetValue(corrections))));
                stdout.WriteLine($"# across documents: {cross.Count(c => c.Finding.Status == "inconsistent")} inconsistent, {cross.Count(c => c.Finding.Status == "consistent")} consistent");
                foreach (var (document, f) in cross)
                {
                    stdout.WriteLine($"  {Mark(f)} {f.Check,-17} {document}: {f.Message}");
                }
            }

            return failures > 0 ? InputFailed : Ok;
        });
        return command;
    }

    private static string Mark(Finding f) => f.Status switch { "inconsistent" => "✗", "unverifiable" => "?", _ => "✓" };

    private static Command CheckEvalCommand(TextWriter stdout) => EvalSetCommand(
        stdout, "checks", "Planted inconsistencies found, twins confirmed, and false alarms, per check.",
        "checks.txt", "missed findings and false alarms",
        CheckEval.Read, (_, d) => CheckEval.Score(d, CheckEval.Analyze(d)), r => r.Mistakes,
        (_, results) => CheckEval.Report(results.Select(r => r.Counts)));
}
