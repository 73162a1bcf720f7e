using System.CommandLine;
using Casefile.Export;
using Casefile.Ingest;
using Casefile.Output;
using Casefile.Pipeline;
using Casefile.Resolution;

namespace Casefile.Cli;

/// <summary><c>casefile export</c> and <c>casefile report</c> (docs/export.md).</summary>
public static partial class Cli
{
    private static Command ExportCommand(TextWriter stdout, TextWriter stderr, Func<Stream> stdin)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "ftm (FollowTheMoney JSON lines, plus a .sidecar.json with spans and sources when --out is a file), json (case files, one per line), " +
                "csv (one file per table into the --out directory), html (self-contained report) or md (Markdown report).",
            Required = true,
        };
        format.AcceptOnlyFromAmong("ftm", "json", "csv", "html", "md");
        return OutputCommand("export", "Export case files as FollowTheMoney, JSON, CSV, or an HTML or Markdown report.", format, stdout, stderr, stdin);
    }

    private static Command ReportCommand(TextWriter stdout, TextWriter stderr, Func<Stream> stdin) =>
        OutputCommand("report", "Write the HTML case-file report (the same as export --format html).", null, stdout, stderr, stdin);

    private static Command OutputCommand(string name, string description, Option<string>? format, TextWriter stdout, TextWriter stderr, Func<Stream> stdin)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Files (.txt, .html, .jsonl), directories or - for standard input; several documents make one export (entities joined across them). None: the store (--db).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var db = DbOption();
        var output = new Option<string?>("--out", "-o") { Description = "Output file (a directory for csv); standard output when left out." };
        var published = new Option<string?>("--published") { Description = "Publication date (YYYY-MM-DD) for documents that state none." };
        var (facts, corrections) = ResolutionOptions();
        var fx = FxOption();
        var command = new Command(name, description) { inputs, output, published, facts, corrections, fx, db };
        if (format is not null)
        {
            command.Add(format);
        }

        command.SetAction(parse =>
        {
            var fmt = format is null ? "html" : parse.GetValue(format)!;
            var outPath = parse.GetValue(output);
            if (fmt == "csv" && outPath is null)
            {
                throw new CasefileException(ErrorCodes.ExportNeedsDirectory, "CSV export writes one file per table: give --out with a directory, e.g. --out casefile-csv.");
            }

            List<ExportDocument> documents;
            IReadOnlyList<CorpusEntity>? stored = null;
            var failures = 0;
            if ((parse.GetValue(inputs) ?? []).Length == 0)
            {
                // From a store: its corpus entities, with their stable ids and the store's corrections.
                using var store = OpenExisting(parse.GetValue(db));
                documents = [.. store.CaseFiles().Select(x => new ExportDocument(x.CaseFile, x.Text))];
                stored = store.CorpusEntities();
            }
            else
            {
                var pipeline = BuildPipeline(parse.GetValue(facts), parse.GetValue(corrections), parse.GetValue(fx));
                var options = new IngestOptions { Published = ParsePublished(parse.GetValue(published)) };
                (var analyzed, failures) = AnalyzeAll(pipeline, parse.GetValue(inputs), options, stdin, stderr);
                documents = [.. analyzed.Select(a => new ExportDocument(CasefileAnalyzer.ToCaseFile(a), a.Document.Text))];
            }

            if (documents.Count == 0)
            {
                throw new CasefileException(ErrorCodes.ExportNothing, "no input could be analysed (or the store is empty), so there is nothing to export; fix the inputs named above.");
            }

            var set = stored is null ? new ExportSet(documents, Resolution(parse.GetValue(facts), parse.GetValue(corrections))) : new ExportSet(documents, stored);
            switch (fmt)
            {
                case "csv":
                    WriteAtomically(outPath!, directory: true, dir => CsvExport.Write(set, dir));
                    stderr.WriteLine($"wrote {CsvExport.TableNames.Count} tables to {outPath}");
                    break;
                case "ftm":
                    var ftm = FtmExport.Export(set);
                    Emit(outPath, stdout, w =>
                    {
                        foreach (var e in ftm.Entities)
                        {
                            w.WriteLine(CaseFileJson.Serialize(e));
                        }
                    });
                    if (outPath is not null)
                    {
                        var sidecar = SidecarPath(outPath);
                        Emit(sidecar, stdout, w => w.WriteLine(CaseFileJson.Serialize(ftm.Sidecar)));
                        stderr.WriteLine($"wrote {ftm.Entities.Count} FtM entities to {outPath}; spans, certainty and sources to {sidecar}");
                    }

                    break;
                case "json":
                    Emit(outPath, stdout, w =>
                    {
                        foreach (var d in documents)
                        {
                            w.WriteLine(CaseFileJson.Serialize(d.CaseFile, indented: false));
                        }
                    });
                    break;
                default:
                    var model = ReportModel.Build(set);
                    var text = fmt == "md" ? MarkdownReport.Render(model) : HtmlReport.Render(model);
                    Emit(outPath, stdout, w => w.Write(text));
                    break;
            }

            return failures > 0 ? InputFailed : Ok;
        });
        return command;
    }

    /// <summary>The sidecar's path next to an FtM file: <c>case.ftm.jsonl</c> → <c>case.ftm.sidecar.json</c>.</summary>
    internal static string SidecarPath(string ftmPath)
    {
        var name = Path.GetFileName(ftmPath);
        var stem = name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? name[..^6]
            : name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? name[..^5] : name;
        return Path.Combine(Path.GetDirectoryName(ftmPath) ?? "", stem + ".sidecar.json");
    }

    private static void Emit(string? path, TextWriter stdout, Action<TextWriter> write)
    {
        if (path is null)
        {
            write(stdout);
            stdout.Flush();
            return;
        }

        WriteAtomically(path, directory: false, tmp =>
        {
            using var w = new StreamWriter(tmp, append: false, new System.Text.UTF8Encoding(false));
            write(w);
        });
    }

    /// <summary>Writes to a temporary name beside the target and moves it into place, so a failure never leaves half a file (or a half-filled directory).</summary>
    private static void WriteAtomically(string path, bool directory, Action<string> write)
    {
        var full = Path.GetFullPath(path);
        var tmp = full.TrimEnd(Path.DirectorySeparatorChar) + ".tmp-" + Environment.ProcessId;
        try
        {
            var parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar));
            if (!string.IsNullOrEmpty(parent))
            {
                Directory.CreateDirectory(parent);
            }

            write(tmp);
            if (directory)
            {
                if (Directory.Exists(full))
                {
                    // Replace our tables, keep anything else the user put there.
                    foreach (var file in Directory.GetFiles(tmp))
                    {
                        File.Move(file, Path.Combine(full, Path.GetFileName(file)), overwrite: true);
                    }

                    Directory.Delete(tmp, recursive: true);
                }
                else
                {
                    Directory.Move(tmp, full);
                }
            }
            else
            {
                File.Move(tmp, full, overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (Directory.Exists(tmp))
            {
                Directory.Delete(tmp, recursive: true);
            }
            else if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }

            throw new CasefileException(ErrorCodes.ExportWriteFailed, $"cannot write {path}: {e.Message} Choose a writable path.", e);
        }
    }
}
