using System.CommandLine;
using Casefile.Ingest;
using Casefile.Pipeline;

namespace Casefile.Cli;

/// <summary>The shape every <c>casefile eval &lt;set&gt;</c> command shares: --data, --errors, score each document in parallel, print a report.</summary>
public static partial class Cli
{
    /// <summary>Reads every input, reports the ones that fail on stderr, and analyses the rest in parallel (input order kept).</summary>
    private static (List<AnalyzedDocument> Analyzed, int Failures) AnalyzeAll(
        AnalysisPipeline pipeline, string[]? paths, IngestOptions options, Func<Stream> stdin, TextWriter stderr)
    {
        var items = (paths ?? []).SelectMany(p => Ingestor.Read(p, options, stdin)).ToList();
        var failures = 0;
        foreach (var item in items.Where(i => i.Error is not null))
        {
            failures++;
            stderr.WriteLine($"error {item.Error!.Code}: {item.Error.Message}");
        }

        var runs = items.Where(i => i.Document is not null).AsParallel().AsOrdered().Select(i => pipeline.TryRun(i.Document!, i.Warnings)).ToList();
        foreach (var (_, error) in runs.Where(r => r.Error is not null))
        {
            failures++;
            stderr.WriteLine($"error {error!.Code}: {error.Message}");
        }

        return ([.. runs.Where(r => r.Analyzed is not null).Select(r => r.Analyzed!)], failures);
    }

    private static Command EvalSetCommand<TDoc, TResult>(
        TextWriter stdout, string name, string description, string defaultFile, string errorsHelp,
        Func<string, IReadOnlyList<TDoc>> read,
        Func<ParseResult, TDoc, TResult> score,
        Func<TResult, IEnumerable<string>> mistakes,
        Func<IReadOnlyList<TDoc>, IReadOnlyList<TResult>, string> report,
        params Option[] extra)
    {
        var data = new Option<string>("--data")
        {
            Description = $"Annotated documents in the {name} test format (data/eval/{defaultFile}).",
            DefaultValueFactory = _ => "data/eval/" + defaultFile,
        };
        var errors = new Option<int>("--errors") { Description = $"Also print up to N {errorsHelp}.", DefaultValueFactory = _ => 0 };
        var command = new Command(name, description) { data, errors };
        foreach (var option in extra)
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            var docs = read(parse.GetValue(data)!);
            var results = docs.AsParallel().AsOrdered().Select(d => score(parse, d)).ToList();
            foreach (var mistake in results.SelectMany(mistakes).Take(parse.GetValue(errors)))
            {
                stdout.WriteLine(mistake);
            }

            stdout.WriteLine(report(docs, results));
            return Ok;
        });
        return command;
    }
}
