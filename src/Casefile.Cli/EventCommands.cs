using System.CommandLine;
using System.Globalization;
using Casefile.Events;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Output;
using Casefile.Pipeline;

namespace Casefile.Cli;

/// <summary><c>casefile timeline</c> and <c>casefile eval events</c>.</summary>
public static partial class Cli
{
    private static Command TimelineCommand(TextWriter stdout, TextWriter stderr, Func<Stream> stdin)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Files (.txt, .html, .jsonl), directories or - for standard input; several documents give one merged timeline. None: the store (--db).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format", "-f") { Description = "text (one event per line) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("json", "text");
        var published = new Option<string?>("--published") { Description = "Publication date (YYYY-MM-DD) for documents that state none; relative dates resolve against it." };
        var db = DbOption();
        var command = new Command("timeline", "The events of one or more documents in time order: dated events first (a year or month is shown as such), undated ones last; without inputs, of the whole store.")
        {
            inputs, format, published, db,
        };
        command.SetAction(parse =>
        {
            var options = new IngestOptions { Published = ParsePublished(parse.GetValue(published)) };
            IReadOnlyList<TimelineEntry> timeline;
            IReadOnlyList<DocumentInfo> docs;
            var failures = 0;
            if ((parse.GetValue(inputs) ?? []).Length == 0)
            {
                using var store = OpenExisting(parse.GetValue(db));
                timeline = store.CorpusTimeline();
                docs = [];
            }
            else
            {
                (var analyzed, failures) = AnalyzeAll(CasefileAnalyzer.DefaultPipeline, parse.GetValue(inputs), options, stdin, stderr);
                var several = analyzed.Count > 1;
                timeline = Timeline.Merge(analyzed.Select(a => (several ? a.Document.Source ?? a.Document.Id : null, (IReadOnlyList<Event>)a.Get(Layers.Events))));
                docs = [.. analyzed.Select(a => CasefileAnalyzer.ToCaseFile(a).Document)];
            }

            if (parse.GetValue(format) == "json")
            {
                stdout.WriteLine(CaseFileJson.Serialize(new TimelineFile { Documents = docs, Timeline = timeline }));
            }
            else
            {
                foreach (var e in timeline)
                {
                    var when = e.Time is null ? "undated" : e.Mod is null ? e.Time : $"{e.Time} ({e.Mod})";
                    var where = e.Document is null ? "" : $"  [{e.Document} {e.Event}]";
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{when,-17} {e.Granularity ?? "",-7} {e.Summary}{where}"));
                }
            }

            return failures > 0 ? InputFailed : Ok;
        });
        return command;
    }

    private static Command EventEvalCommand(TextWriter stdout) => EvalSetCommand(
        stdout, "events", "Precision and recall of (type, key participant, key attribute) event triples, per category and overall.",
        "events.txt", "missed or extra events",
        EventEval.Read, (_, d) => EventEval.Score(d, EventEval.Analyze(d)), r => r.Mistakes,
        (docs, results) => EventEval.Report(docs, [.. results.Select(r => r.Counts)]));
}
