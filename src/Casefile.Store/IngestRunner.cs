using System.Diagnostics;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Store;

/// <summary>Where an ingest is: inputs done of those counted before it started (0 when unknown), bytes of text analysed.</summary>
public readonly record struct IngestProgress(int Done, int Total, long Chars, int Failed);

/// <summary>What an ingest did, counted from its log.</summary>
public sealed record IngestSummary(string RunId, int Stored, int NewVersions, int Unchanged, int Queued, int Failed, int Skipped, TimeSpan Elapsed)
{
    public int Inputs => Stored + NewVersions + Unchanged + Queued + Failed + Skipped;

    public static IngestSummary From(string runId, IEnumerable<LogEntry> log, TimeSpan elapsed)
    {
        var counts = log.GroupBy(l => l.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int C(string s) => counts.GetValueOrDefault(s);
        return new IngestSummary(runId, C(LogStatus.Stored), C(LogStatus.NewVersion), C(LogStatus.Unchanged), C(LogStatus.Queued), C(LogStatus.Failed), C(LogStatus.Skipped), elapsed);
    }
}

/// <summary>
/// Reads inputs, analyses them in parallel in batches and stores each batch in one transaction, with a line in the
/// ingest log per input. Texts already stored are not analysed again. Memory stays flat: only one batch is held.
/// </summary>
public static class IngestRunner
{
    public const int BatchSize = 64;

    public static IngestSummary Run(CaseStore store, AnalysisPipeline pipeline, IEnumerable<string> paths, IngestOptions options,
        Func<Stream>? stdin = null, Action<IngestProgress>? progress = null, int batchSize = BatchSize)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pipeline);
        var list = paths.ToList();
        options = Rooted(options, list);
        var total = CountInputs(list);
        var runId = NewRunId();
        var watch = Stopwatch.StartNew();
        var all = new List<LogEntry>();
        var done = 0;
        long chars = 0;

        // Batch k is written while batch k+1 is analysed: the writer owns the store's connection, the reader (a
        // second connection) answers which texts are stored already.
        using var reader = CaseStore.Open(store.Location);
        Task? writing = null;
        foreach (var batch in list.SelectMany(p => Ingestor.Read(p, options, stdin)).Chunk(batchSize))
        {
            var (inputs, log) = Prepare(reader, batch);
            var analysed = inputs.AsParallel().AsOrdered().Select(x => Analyse(pipeline, x.Item, x.Hash, x.DocKey)).ToList();
            log.AddRange(analysed.Where(a => a.Failure is not null).Select(a => a.Failure!));
            writing?.GetAwaiter().GetResult();
            var count = batch.Length;
            var size = batch.Sum(i => (long)(i.Document?.Text.Length ?? 0));
            writing = Task.Run(() =>
            {
                IReadOnlyList<LogEntry> written;
                try
                {
                    written = store.Put([.. analysed.Where(a => a.Input is not null).Select(a => a.Input!)], log, runId);
                }
                catch (System.Data.Common.DbException e)
                {
                    throw new CasefileException(StoreErrors.WriteFailed,
                        $"writing to {store.Location.Display} failed ({e.Message}); the {done} inputs before this batch are stored, this batch is not. Fix the cause and run the same ingest again: it goes on where it stopped.", e);
                }

                all.AddRange(written);
                done += count;
                chars += size;
                progress?.Invoke(new IngestProgress(done, Math.Max(total, done), chars, all.Count(l => l.Status == LogStatus.Failed)));
            });
        }

        writing?.GetAwaiter().GetResult();
        return IngestSummary.From(runId, all, watch.Elapsed);
    }

    /// <summary>
    /// The options with <see cref="IngestOptions.Root"/> set to the inputs' common directory (unless the caller set one):
    /// what is stored is named relative to what was ingested, never by an absolute path of this machine (docs/store.md).
    /// </summary>
    public static IngestOptions Rooted(IngestOptions options, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Root is null ? options with { Root = Ingestor.CommonRoot(paths) } : options;
    }

    internal static string NewRunId() => DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Log lines for inputs that failed to read or were skipped, "unchanged" for texts stored already, and the rest to analyse.</summary>
    internal static (List<(IngestItem Item, string Hash, string DocKey)> Inputs, List<LogEntry> Log) Prepare(CaseStore store, IReadOnlyList<IngestItem> batch)
    {
        var log = new List<LogEntry>();
        var inputs = new List<(IngestItem, string, string)>();
        foreach (var item in batch)
        {
            if (item.Error is { } error)
            {
                log.Add(new LogEntry(item.Source, null, LogStatus.Failed, error.Code, error.Message));
            }
            else if (item.Document is null)
            {
                var w = item.Warnings.Count > 0 ? item.Warnings[0] : null;
                log.Add(new LogEntry(item.Source, null, LogStatus.Skipped, w?.Code, w?.Message));
            }
            else
            {
                var hash = Document.HashId(item.Document.Text);
                inputs.Add((item, hash, DocKey(item.Document, hash)));
            }
        }

        var existing = store.Existing([.. inputs.Select(i => i.Item2)]);
        log.AddRange(inputs.Where(i => existing.Contains(i.Item2)).Select(i => new LogEntry(i.Item3, i.Item2, LogStatus.Unchanged)));
        inputs.RemoveAll(i => existing.Contains(i.Item2));
        return (inputs, log);
    }

    /// <summary>What the input calls the document: its own id (a JSONL "id"), else its path (or path:line).</summary>
    internal static string DocKey(Document document, string hash) =>
        document.Id != hash ? document.Id : document.Source ?? hash;

    internal static (StoredInput? Input, LogEntry? Failure) Analyse(AnalysisPipeline pipeline, IngestItem item, string hash, string docKey)
    {
        try
        {
            var analyzed = pipeline.Run(item.Document!, item.Warnings);
            return (StoredInput.Prepare(hash, docKey, item.Document!.Text, CasefileAnalyzer.ToCaseFile(analyzed)), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Reported in the ingest log and by the command's exit status; the batch goes on.
            return (null, new LogEntry(docKey, hash, LogStatus.Failed, StoreErrors.AnalysisFailed, $"analysis failed: {e.GetType().Name}: {e.Message}"));
        }
    }

    /// <summary>How many inputs the paths hold (files; lines of JSONL files), to show progress; 0 for standard input.</summary>
    public static int CountInputs(IEnumerable<string> paths)
    {
        var n = 0;
        foreach (var p in paths)
        {
            if (p == "-")
            {
                continue;
            }

            var files = Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : File.Exists(p) ? [p] : [];
            foreach (var f in files)
            {
                n += f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? File.ReadLines(f).Count(l => !string.IsNullOrWhiteSpace(l)) : 1;
            }

            n += Directory.Exists(p) || File.Exists(p) ? 0 : 1;
        }

        return n;
    }

    /// <summary>
    /// Reads, analyses and stores one uploaded or pasted text (bytes as received: encoding detected, HTML extracted),
    /// under <paramref name="source"/> as its key, in one transaction. The log line says what happened: stored, a new
    /// version, unchanged (the same text is stored already), or failed with an error code (binary, too large, undecodable).
    /// </summary>
    /// <param name="title">A title the user gave, which wins over the one found in the text or the page.</param>
    public static LogEntry IngestOne(CaseStore store, AnalysisPipeline pipeline, byte[] bytes, string source, string? format, IngestOptions options, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(options);
        var runId = NewRunId();
        var item = bytes.LongLength > options.MaxBytes
            ? new IngestItem(source, null, [], new CasefileException(ErrorCodes.InputTooLarge,
                $"{source} is {bytes.LongLength:N0} bytes, over the {options.MaxBytes:N0}-byte limit. Split it into smaller documents."))
            : Ingestor.FromBytes(bytes, source, format, options);
        if (title is not null && item.Document is { } d)
        {
            item = item with { Document = new Document(d.Text, title, d.Published, d.Source, d.Language) };
        }

        var (inputs, log) = Prepare(store, [item]);
        if (inputs.Count == 0)
        {
            store.Log(log, runId);
            return log.Single();
        }

        var (input, failure) = Analyse(pipeline, inputs[0].Item, inputs[0].Hash, inputs[0].DocKey);
        if (failure is not null)
        {
            store.Log([failure], runId);
            return failure;
        }

        return store.Put([input!], [], runId).Single();
    }
}
