using System.CommandLine;
using System.Globalization;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Store;
using Spectre.Console;

namespace Casefile.Cli;

/// <summary>The corpus store's commands: ingest, search, entity, findings, worker, correct (docs/store.md).</summary>
public static partial class Cli
{
    /// <summary>The largest document <c>ingest</c> accepts by default: far above any article, far below what would stall a batch.</summary>
    public const long IngestMaxBytes = 8L * 1024 * 1024;

    private static Option<string?> DbOption() =>
        new("--db") { Description = $"The store: a SQLite file (default {StoreLocation.DefaultPath}) or postgres://user:password@host:port/database." };

    private static Option<string> QueryFormatOption()
    {
        var format = new Option<string>("--format", "-f") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("json", "text");
        return format;
    }

    /// <summary>Opens a store that must exist already (reading never creates one); read-only unless <paramref name="write"/>.</summary>
    private static CaseStore OpenExisting(string? db, bool write = false)
    {
        var location = StoreLocation.Parse(db);
        if (location.Kind == StoreKind.Sqlite && !File.Exists(location.ConnectionString))
        {
            throw new CasefileException(StoreErrors.NotFound, $"there is no store at {location.Display}; run 'casefile ingest <files> --db {location.Display}' first, or give --db.");
        }

        return write ? CaseStore.Open(location) : CaseStore.OpenReadOnly(location);
    }

    private static Command IngestCommand(TextWriter stdout, TextWriter stderr, Func<Stream> stdin)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Files (.txt, .html, .jsonl), directories (recursively) or - for standard input.", Arity = ArgumentArity.OneOrMore };
        var db = DbOption();
        var queue = new Option<bool>("--queue") { Description = "PostgreSQL only: enqueue one job per new document for 'casefile worker' instead of analysing here." };
        var published = new Option<string?>("--published") { Description = "Publication date (YYYY-MM-DD) for documents that state none." };
        var maxBytes = new Option<long>("--max-bytes") { Description = "Largest document to accept, in bytes; larger ones are logged as failed (CF1004).", DefaultValueFactory = _ => IngestMaxBytes };
        var (facts, corrections) = ResolutionOptions();
        var fx = FxOption();
        var command = new Command("ingest", "Analyse documents and store them (idempotent: a text stored already is skipped; a changed text under the same name is a new version).")
        {
            inputs, db, queue, published, maxBytes, facts, corrections, fx,
        };
        command.SetAction(parse =>
        {
            var options = new IngestOptions { Published = ParsePublished(parse.GetValue(published)), MaxBytes = parse.GetValue(maxBytes) };
            var paths = parse.GetValue(inputs) ?? [];
            using var store = CaseStore.Open(parse.GetValue(db));
            var summary = WithIngestProgress(stderr, IngestRunner.CountInputs(paths), progress => parse.GetValue(queue)
                ? JobQueue.Enqueue(store, paths, options, stdin, progress)
                : IngestRunner.Run(store, BuildPipeline(parse.GetValue(facts), parse.GetValue(corrections), parse.GetValue(fx)), paths, options, stdin, progress));
            var failures = store.IngestLog(summary.RunId).Where(l => l.Status == LogStatus.Failed).ToList();
            if (failures.Count > 0 && Ingestor.CommonRoot(paths) is { } root)
            {
                // The store names inputs relative to what was ingested; say once where that is.
                stderr.WriteLine($"inputs are named relative to {root}");
            }

            foreach (var failure in failures)
            {
                stderr.WriteLine($"error {failure.Code}: {failure.Message}");
            }

            var rate = summary.Elapsed.TotalSeconds > 0 ? summary.Inputs / summary.Elapsed.TotalSeconds : 0;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{store.Location.Display}: {summary.Stored} stored, {summary.NewVersions} new versions, {summary.Unchanged} unchanged, {summary.Queued} queued, " +
                $"{summary.Skipped} skipped, {summary.Failed} failed in {summary.Elapsed.TotalSeconds:0.0} s ({rate:0} inputs/s); run {summary.RunId}"));
            return summary.Failed > 0 ? InputFailed : Ok;
        });
        return command;
    }

    /// <summary>A Spectre.Console progress bar (documents, throughput, ETA) when stderr is a terminal; nothing otherwise.</summary>
    private static IngestSummary WithIngestProgress(TextWriter stderr, int total, Func<Action<IngestProgress>?, IngestSummary> run)
    {
        if (Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error) || total == 0)
        {
            return run(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        IngestSummary? summary = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("documents", maxValue: total);
                summary = run(p =>
                {
                    task.MaxValue = p.Total;
                    task.Value = p.Done;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.Done}/{p.Total} documents, {p.Failed} failed");
                });
                task.StopTask();
            });
        return summary!;
    }

    private static Command SearchCommand(TextWriter stdout)
    {
        var query = new Argument<string>("query") { Description = "Words that must all occur in one sentence; \"quoted words\" as a phrase." };
        var db = DbOption();
        var limit = new Option<int>("--limit") { Description = "Most documents to list (a page).", DefaultValueFactory = _ => 20 };
        var offset = new Option<int>("--offset") { Description = "Documents to skip (the next page: --offset 20).", DefaultValueFactory = _ => 0 };
        var sentences = new Option<int>("--sentences") { Description = "Best matching sentences shown per document (the rest are counted).", DefaultValueFactory = _ => 3 };
        var entity = new Option<string?>("--entity") { Description = "Only documents in which this corpus entity (its id) occurs." };
        var check = new Option<string?>("--check") { Description = "Only documents with a finding of this check (cross-document included)." };
        var format = QueryFormatOption();
        var command = new Command("search",
            "Full-text search over the stored documents: the matching documents, ranked, with their best sentences; matched words between ⟦ and ⟧ (JSON: their ranges).")
        {
            query, db, limit, offset, sentences, entity, check, format,
        };
        command.SetAction(parse =>
        {
            using var store = OpenExisting(parse.GetValue(db));
            var page = store.Search(parse.GetValue(query)!, Math.Max(1, parse.GetValue(limit)), Math.Max(0, parse.GetValue(offset)),
                parse.GetValue(entity), parse.GetValue(check), Math.Max(0, parse.GetValue(sentences)));
            if (parse.GetValue(format) == "json")
            {
                stdout.WriteLine(CaseStore.ToJson(page));
                return Ok;
            }

            foreach (var r in page.Results)
            {
                stdout.WriteLine($"{r.Title ?? r.Source ?? r.Document}  ({r.Document[..Math.Min(19, r.Document.Length)]}…)");
                foreach (var s in r.Sentences)
                {
                    var marked = new System.Text.StringBuilder(s.Text.Length + 8);
                    var at = s.Start;
                    foreach (var m in s.Matches)
                    {
                        marked.Append(s.Text, at - s.Start, m.Start - at).Append('⟦').Append(s.Text, m.Start - s.Start, m.End - m.Start).Append('⟧');
                        at = m.End;
                    }

                    marked.Append(s.Text, at - s.Start, s.End - at);
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{s.Start}-{s.End}] {marked}"));
                }

                if (r.MatchingSentences > r.Sentences.Count)
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {r.MatchingSentences - r.Sentences.Count} more matching sentence(s)"));
                }
            }

            stdout.WriteLine(page.Results.Count == page.Total
                ? $"{page.Total} document(s)"
                : string.Create(CultureInfo.InvariantCulture, $"{page.Offset + 1}–{page.Offset + page.Results.Count} of {page.Total} document(s)"));
            return Ok;
        });
        return command;
    }

    private static int StoreEntities(TextWriter stdout, string? db, string? type, string? name, string format)
    {
        using var store = OpenExisting(db);
        var rows = store.Entities(type, name);
        if (format == "json")
        {
            stdout.WriteLine(CaseStore.ToJson(rows));
            return Ok;
        }

        foreach (var e in rows)
        {
            var aliases = e.Aliases.Where(a => a != e.Name).ToList();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{e.Id,-6} {e.Type}  {e.Name}{(aliases.Count == 0 ? "" : "  (" + string.Join(", ", aliases) + ")")}  {e.Mentions} mentions in {e.Documents} document(s)"));
        }

        return Ok;
    }

    private static Command EntityCommand(TextWriter stdout)
    {
        var key = new Argument<string>("entity") { Description = "A corpus entity id (E12), or a name or spelling only one entity has." };
        var db = DbOption();
        var format = QueryFormatOption();
        var command = new Command("entity", "One entity across the store: spellings, roles, documents, events and claims.") { key, db, format };
        command.SetAction(parse =>
        {
            using var store = OpenExisting(parse.GetValue(db));
            var detail = store.Entity(store.ResolveId(parse.GetValue(key)!))!;
            if (parse.GetValue(format) == "json")
            {
                stdout.WriteLine(CaseStore.ToJson(detail));
                return Ok;
            }

            var e = detail.Entity;
            stdout.WriteLine($"{e.Id} {e.Type} {e.Name}: {e.Mentions} mentions in {e.Documents} document(s)");
            stdout.WriteLine($"  spellings: {string.Join("; ", e.Aliases)}");
            foreach (var r in detail.Roles.DistinctBy(r => (r.Role, r.Status, r.From, r.To)))
            {
                var period = r.From is null && r.To is null ? "" : $" {r.From ?? "?"} – {r.To ?? "?"}";
                stdout.WriteLine($"  role: {(r.Status is null ? "" : r.Status + " ")}{r.Role}{period}");
            }

            foreach (var d in detail.Documents)
            {
                stdout.WriteLine($"  document: {d.Title ?? d.Document} as \"{d.Name}\" ({d.Mentions} mentions)");
            }

            foreach (var t in detail.Events)
            {
                stdout.WriteLine($"  event: {t.Time ?? "undated"} {t.Summary}  [{t.Document}]");
            }

            foreach (var c in detail.Claims)
            {
                stdout.WriteLine($"  claim ({(c.BySource ? "by" : "about")}; {c.SourceKind}, {c.Certainty}): {c.Text}");
            }

            return Ok;
        });
        return command;
    }

    private static Command FindingsCommand(TextWriter stdout)
    {
        var db = DbOption();
        var check = new Option<string?>("--check") { Description = "Only this check (fx-conversion, arithmetic, age-at-release, date-order, unsupported-claim, cross-document…)." };
        var status = new Option<string?>("--status") { Description = "Only this status: inconsistent, unverifiable or consistent." };
        status.AcceptOnlyFromAmong("inconsistent", "unverifiable", "consistent");
        var format = QueryFormatOption();
        var command = new Command("findings", "The consistency findings of the stored documents and the cross-document check over them, inconsistencies first.") { db, check, status, format };
        command.SetAction(parse =>
        {
            using var store = OpenExisting(parse.GetValue(db));
            var rows = store.CorpusFindings(parse.GetValue(check), parse.GetValue(status));
            if (parse.GetValue(format) == "json")
            {
                stdout.WriteLine(CaseStore.ToJson(rows));
                return Ok;
            }

            foreach (var r in rows)
            {
                stdout.WriteLine($"{Mark(r.Finding)} {r.Finding.Check,-17} {r.Title ?? r.Document}: {r.Finding.Message}");
            }

            stdout.WriteLine($"{rows.Count} finding(s)");
            return Ok;
        });
        return command;
    }

    private static Command WorkerCommand(TextWriter stdout, TextWriter stderr)
    {
        var db = new Option<string>("--db") { Description = "postgres://user:password@host:port/database (the store and Hangfire's queue).", Required = true };
        var workers = new Option<int>("--workers") { Description = "Jobs processed at once by this process (one per core is a good start).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var untilIdle = new Option<bool>("--until-idle") { Description = "Stop when the queue has been empty for two seconds (batch runs, tests)." };
        var command = new Command("worker", "Process queued documents (from 'ingest --queue') with Hangfire; start one on each machine. Ctrl+C stops it.") { db, workers, untilIdle };
        command.SetAction(parse =>
        {
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var done = JobQueue.Work(StoreLocation.Parse(parse.GetValue(db)), parse.GetValue(workers), parse.GetValue(untilIdle), stderr, stop.Token);
                stdout.WriteLine($"{done} document(s) processed");
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }

            return Ok;
        });
        return command;
    }

    private static Command CorrectCommand(TextWriter stdout)
    {
        var db = DbOption();
        var merge = new Option<string[]>("--merge") { Description = "Two entities that are one, by id or by a name only one entity has: --merge E12 E40 (the second joins the first, which keeps its id and name).", AllowMultipleArgumentsPerToken = true };
        var split = new Option<string?>("--split") { Description = "A spelling: the documents whose entity is written so leave the entity given with --from." };
        var from = new Option<string?>("--from") { Description = "With --split: the entity (id or name) to split them from." };
        var undo = new Option<long?>("--undo") { Description = "Undo the correction with this number (see 'casefile entity' or /api/corrections)." };
        var by = new Option<string>("--by") { Description = "Who makes the correction (kept with it).", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("correct", "Record a correction to the store's corpus entities (a merge, a split or an undo), with who and when; queries apply it.") { db, merge, split, from, undo, by };
        command.SetAction(parse =>
        {
            var names = parse.GetValue(merge) ?? [];
            var splitName = parse.GetValue(split);
            var undoId = parse.GetValue(undo);
            if ((names.Length > 0 ? 1 : 0) + (splitName is null ? 0 : 1) + (undoId is null ? 0 : 1) != 1 || (names.Length > 0 && names.Length != 2)
                || (splitName is not null && parse.GetValue(from) is null))
            {
                throw new CasefileException(ErrorCodes.Usage, "give one of: --merge ID ID (two entities), --split SPELLING --from ID, or --undo N.");
            }

            using var store = OpenExisting(parse.GetValue(db), write: true);
            var author = parse.GetValue(by)!;
            if (undoId is { } n)
            {
                var row = store.Undo(n, null, author);
                stdout.WriteLine($"undone correction {n} ({row.Action} {string.Join(" + ", row.Names)})");
            }
            else if (splitName is null)
            {
                var (into, other) = store.Merge(names[0], names[1], author);
                stdout.WriteLine($"merged {other.Id} \"{other.Name}\" into {into.Id} \"{into.Name}\"");
            }
            else
            {
                var id = store.ResolveId(parse.GetValue(from)!);
                var members = store.MembersSpelled(id, splitName);
                store.SplitMembers(id, members, author);
                stdout.WriteLine($"split {members.Count} document entit{(members.Count == 1 ? "y" : "ies")} written \"{splitName}\" off {id}");
            }

            stdout.WriteLine($"recorded; {store.Entities(limit: int.MaxValue).Count} corpus entities now");
            return Ok;
        });
        return command;
    }
}
