using System.CommandLine;
using System.Globalization;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Output;
using Casefile.Pipeline;

namespace Casefile.Cli;

/// <summary>The casefile command line; a thin layer over <see cref="CasefileAnalyzer"/>.</summary>
public static partial class Cli
{
    /// <summary>Exit status: 0 ok, 1 some input failed, 2 usage error, 70 internal error.</summary>
    public const int Ok = 0;
    public const int InputFailed = 1;
    public const int UsageError = 2;
    public const int InternalError = 70;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream> stdin)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = new RootCommand("Casefile: turns news and investigative articles into a sourced case file (see README.md).");
        root.Add(AnalyzeCommand(stdout, stderr, stdin));
        root.Add(EntitiesCommand(stdout, stderr, stdin));
        root.Add(TimelineCommand(stdout, stderr, stdin));
        root.Add(CheckCommand(stdout, stderr, stdin));
        root.Add(ExportCommand(stdout, stderr, stdin));
        root.Add(ReportCommand(stdout, stderr, stdin));
        root.Add(IngestCommand(stdout, stderr, stdin));
        root.Add(SearchCommand(stdout));
        root.Add(EntityCommand(stdout));
        root.Add(FindingsCommand(stdout));
        root.Add(CorrectCommand(stdout));
        root.Add(WorkerCommand(stdout, stderr));
        root.Add(ServeCommand(stdout, stderr));
        root.Add(TrainCommand(stdout, stderr));
        root.Add(EvalCommand(stdout, stderr));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !IsHelp(args))
        {
            foreach (var e in parse.Errors)
            {
                stderr.WriteLine($"error {ErrorCodes.Usage}: {e.Message} Run 'casefile --help' or 'casefile analyze --help'.");
            }

            return UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CasefileException e)
        {
            stderr.WriteLine($"error {e.Code}: {e.Message}");
            return e.Code == ErrorCodes.Usage || e.Code == ErrorCodes.BadPublishedDate ? UsageError : InputFailed;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"error {ErrorCodes.Internal}: internal error, please report it with the input that caused it.");
            stderr.WriteLine(e.ToString());
            return InternalError;
        }
    }

    private static bool IsHelp(string[] args) => args.Any(a => a is "-h" or "--help" or "-?");

    private static Command AnalyzeCommand(TextWriter stdout, TextWriter stderr, Func<Stream> stdin)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Files (.txt, .html, .jsonl), directories (read recursively) or - for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: json (one document, indented; several: one per line), jsonl (always one per line) or text (a readable summary).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "jsonl", "text");
        var published = new Option<string?>("--published")
        {
            Description = "Publication date YYYY-MM-DD for documents that do not state one; relative dates resolve against it.",
        };
        var inputFormat = new Option<string?>("--input-format")
        {
            Description = "Read inputs as txt, html or jsonl instead of deciding by file extension (stdin: by content).",
        };
        inputFormat.AcceptOnlyFromAmong("txt", "html", "jsonl");
        var maxBytes = new Option<long>("--max-bytes")
        {
            Description = "Largest file or JSONL line to accept, in bytes.",
            DefaultValueFactory = _ => new IngestOptions().MaxBytes,
        };
        var tokens = new Option<bool>("--tokens") { Description = "Include the tokens layer in JSON output." };
        var timings = new Option<bool>("--timings") { Description = "Print each component's time per document on stderr." };
        var budget = BudgetOption();
        var (facts, corrections) = ResolutionOptions();
        var fx = FxOption();

        var command = new Command("analyze", "Analyse articles and print their case files.")
        {
            inputs, format, published, inputFormat, maxBytes, tokens, timings, budget, facts, corrections, fx,
        };
        command.SetAction(parse =>
        {
            var pub = ParsePublished(parse.GetValue(published));
            var options = new IngestOptions { Published = pub, Format = parse.GetValue(inputFormat), MaxBytes = parse.GetValue(maxBytes) };
            var paths = parse.GetValue(inputs) ?? [];
            var fmt = parse.GetValue(format) ?? "json";
            var single = paths.Length == 1 && options.Format != "jsonl" && fmt == "json"
                && (paths[0] == "-" || (File.Exists(paths[0]) && !paths[0].EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)));
            var pipeline = BuildPipeline(parse.GetValue(facts), parse.GetValue(corrections), parse.GetValue(fx)).WithBudget(Budget(parse.GetValue(budget)));
            return Analyze(pipeline, paths, options, fmt, single, parse.GetValue(tokens), parse.GetValue(timings), stdout, stderr, stdin);
        });
        return command;
    }

    private static Option<double?> BudgetOption() => new("--budget")
    {
        Description = "Seconds of analysis per document before its remaining layers are left empty with warning CF1401 (0: no limit; default 60 + 10 µs per character).",
    };

    private static TimeSpan? Budget(double? seconds) => seconds switch
    {
        null => null,
        < 0 or double.NaN => throw new CasefileException(ErrorCodes.Usage, $"--budget {seconds} is not a number of seconds; give 0 for no limit, or e.g. 120."),
        0 or double.PositiveInfinity => Timeout.InfiniteTimeSpan,
        _ => TimeSpan.FromSeconds(Math.Min(seconds.Value, 1e7)),
    };

    private static DateOnly? ParsePublished(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        throw new CasefileException(ErrorCodes.BadPublishedDate, $"--published '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2023-05-02.");
    }

    private static int Analyze(AnalysisPipeline pipeline, string[] paths, IngestOptions options, string format, bool single, bool includeTokens,
        bool timings, TextWriter stdout, TextWriter stderr, Func<Stream> stdin)
    {
        var failures = 0;
        var items = paths.SelectMany(p => Ingestor.Read(p, options, stdin));

        // Read in batches so JSONL streams, analyse a batch in parallel, write in input order. A document
        // whose analysis throws is reported (CF9002) and the others of its batch are still printed.
        foreach (var batch in items.Chunk(32))
        {
            var results = batch.AsParallel().AsOrdered()
                .Select(item => (item, run: item.Document is null ? default : pipeline.TryRun(item.Document, item.Warnings)))
                .ToArray();
            foreach (var (item, run) in results)
            {
                var error = item.Error ?? run.Error;
                if (error is not null)
                {
                    failures++;
                    stderr.WriteLine($"error {error.Code}: {error.Message}");
                    continue;
                }

                if (run.Analyzed is not { } analyzed)
                {
                    foreach (var w in item.Warnings)
                    {
                        stderr.WriteLine($"warning {w.Code}: {w.Message}");
                    }

                    continue;
                }

                if (timings)
                {
                    stderr.WriteLine($"timings {item.Source}: " + string.Join(", ", analyzed.Timings.Select(t =>
                        string.Create(CultureInfo.InvariantCulture, $"{t.Component} {t.Elapsed.TotalMilliseconds:0.0} ms"))));
                }

                var caseFile = CasefileAnalyzer.ToCaseFile(analyzed, includeTokens);
                foreach (var w in caseFile.Warnings ?? [])
                {
                    stderr.WriteLine($"warning {w.Code}: {w.Message}");
                }

                switch (format)
                {
                    case "text":
                        stdout.WriteLine(TextReport.Render(caseFile, analyzed.Document.Text));
                        break;
                    default:
                        CaseFileJson.WriteTo(stdout, caseFile, indented: single);
                        stdout.WriteLine();
                        break;
                }
            }

            stdout.Flush();
        }

        if (failures > 0)
        {
            stderr.WriteLine($"{failures} input(s) failed; the others were analysed.");
            return InputFailed;
        }

        return Ok;
    }
}
