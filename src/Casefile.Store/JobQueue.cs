using System.Diagnostics;
using System.Text.Json;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Output;
using Casefile.Pipeline;
using Dapper;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;

namespace Casefile.Store;

/// <summary>A document waiting in the queue table for a worker.</summary>
internal sealed record QueuedDocument(string Id, string DocKey, string? Title, string? Published, string? Source, string Text, string RunId);

/// <summary>
/// Scale-out on PostgreSQL with Hangfire (Hangfire.PostgreSql storage in the "hangfire" schema of the same database):
/// <c>ingest --queue</c> puts each new text in the queue table and enqueues one job for it; <c>casefile worker</c> runs
/// a Hangfire server that processes jobs, on as many machines as are started. A job is idempotent (keyed by the text's
/// hash; storing deletes the queue row in the same transaction), retried twice, then left failed with its error in
/// the ingest log and the queue row, while the other jobs go on.
/// </summary>
public static class JobQueue
{
    public const string QueueName = "casefile";

    /// <summary>Documents per Hangfire job.</summary>
    public const int JobSize = 32;

    public static PostgreSqlStorage Storage(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != StoreKind.Postgres)
        {
            throw new CasefileException(StoreErrors.QueueNeedsPostgres, "--queue and casefile worker need PostgreSQL: give --db postgres://user:password@host:port/database.");
        }

        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(200),
            // A killed worker's job becomes visible again after this long; a live one keeps extending it.
            InvisibilityTimeout = TimeSpan.FromSeconds(20),
            UseSlidingInvisibilityTimeout = true,
            // Hangfire's locks are rows here (job state changes, the schedule poller); a worker killed while holding one
            // leaves the row behind, and the default (10 minutes) would stall that job for as long. Live holders keep a
            // lock for milliseconds, so 30 s is a safe bound (machines' clocks must agree within it).
            DistributedLockTimeout = TimeSpan.FromSeconds(30),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(location.ConnectionString, options), options);
    }

    /// <summary>Reads the inputs, logs failures and texts stored already, and enqueues one job per new text.</summary>
    public static IngestSummary Enqueue(CaseStore store, IEnumerable<string> paths, IngestOptions options, Func<Stream>? stdin = null, Action<IngestProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var storage = Storage(store.Location);
        var client = new BackgroundJobClient(storage);
        var runId = IngestRunner.NewRunId();
        var watch = Stopwatch.StartNew();
        var list = paths.ToList();
        options = IngestRunner.Rooted(options, list);
        var total = IngestRunner.CountInputs(list);
        var all = new List<LogEntry>();
        var done = 0;
        foreach (var batch in list.SelectMany(p => Ingestor.Read(p, options, stdin)).Chunk(IngestRunner.BatchSize))
        {
            var (inputs, log) = IngestRunner.Prepare(store, batch);
            var queued = new List<string>();
            using (var tx = store.Begin())
            {
                foreach (var (item, hash, docKey) in inputs)
                {
                    var d = item.Document!;
                    store.Connection.Execute("""
                        INSERT INTO queue (id, doc_key, title, published, source, text, warnings, run_id, enqueued_at)
                        VALUES (@hash, @docKey, @Title, @published, @Source, @Text, @warnings, @runId, @at) ON CONFLICT (id) DO NOTHING
                        """,
                        new
                        {
                            hash, docKey, d.Title, published = d.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.Source, d.Text,
                            warnings = JsonSerializer.Serialize(item.Warnings.Select(w => $"{w.Code}\t{w.Message}").ToList(), StoreJson.Default.ListString), runId, at = CaseStore.Now(),
                        }, tx);

                    // Queued now or by an earlier run that died before enqueueing: a job either way (jobs are idempotent).
                    log.Add(new LogEntry(docKey, hash, LogStatus.Queued));
                    queued.Add(hash);
                }

                store.Log(log, runId, tx);
                tx.Commit();
            }

            // One job per JobSize documents: Hangfire's own bookkeeping per job is then small next to the analysis.
            foreach (var chunk in queued.Distinct().Chunk(JobSize))
            {
                client.Create(Hangfire.Common.Job.FromExpression<IngestJob>(j => j.ProcessBatch(chunk)), new EnqueuedState(QueueName));
            }

            all.AddRange(log);
            done += batch.Length;
            progress?.Invoke(new IngestProgress(done, Math.Max(total, done), 0, all.Count(l => l.Status == LogStatus.Failed)));
        }

        return IngestSummary.From(runId, all, watch.Elapsed);
    }

    /// <summary>
    /// Runs a Hangfire server with <paramref name="workers"/> workers until <paramref name="stop"/> is cancelled, or, with
    /// <paramref name="untilIdle"/>, until no job is enqueued or processing for two seconds. Returns the jobs this process finished.
    /// </summary>
    public static int Work(StoreLocation location, int workers, bool untilIdle, TextWriter log, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(log);
        using (CaseStore.Open(location))
        {
            // applies migrations before any job runs
        }

        var storage = Storage(location);
        IngestJob.Location = location;
        IngestJob.Processed = 0;
        var options = new BackgroundJobServerOptions
        {
            WorkerCount = Math.Max(1, workers),
            Queues = [QueueName],
            ServerName = $"{Environment.MachineName}:{Environment.ProcessId}",
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
        };
        log.WriteLine($"worker {options.ServerName}: {options.WorkerCount} worker(s) on {location.Display}");
        using (new BackgroundJobServer(options, storage))
        {
            var idleSince = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested)
            {
                stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(250));
                if (!untilIdle)
                {
                    continue;
                }

                var api = storage.GetMonitoringApi();
                var busy = api.EnqueuedCount(QueueName) + api.ProcessingCount() + api.ScheduledCount();
                if (busy > 0)
                {
                    idleSince.Restart();
                }
                else if (idleSince.Elapsed > TimeSpan.FromSeconds(2))
                {
                    break;
                }
            }
        }

        log.WriteLine($"worker {options.ServerName}: stopped after {IngestJob.Processed} job(s)");
        return IngestJob.Processed;
    }

    /// <summary>Counts of Hangfire's job states (for tests and the worker's report).</summary>
    public static (long Enqueued, long Processing, long Succeeded, long Failed) States(StoreLocation location)
    {
        var api = Storage(location).GetMonitoringApi();
        return (api.EnqueuedCount(QueueName), api.ProcessingCount(), api.SucceededListCount(), api.FailedCount());
    }
}

/// <summary>
/// The Hangfire job: analyse queued texts and store them. Idempotent: a text stored already only loses its queue row.
/// The texts of one job are stored in one transaction with the deletion of their queue rows; a text whose analysis
/// fails is recorded (attempts and error on its queue row, a line in the ingest log) and the job fails after storing
/// the others, so Hangfire retries it and, after two retries, leaves it failed with the error.
/// </summary>
public sealed class IngestJob
{
    internal static StoreLocation? Location { get; set; }

    internal static AnalysisPipeline Pipeline { get; set; } = CasefileAnalyzer.DefaultPipeline;

    private static int processed;

    internal static int Processed
    {
        get => Volatile.Read(ref processed);
        set => Volatile.Write(ref processed, value);
    }

    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [1, 2], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [Queue(JobQueue.QueueName)]
    public void ProcessBatch(string[] hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        using var store = CaseStore.Open(Location ?? throw new InvalidOperationException("IngestJob.Location is not set; start jobs with casefile worker."));
        var db = store.Connection;
        var queued = db.Query<QueuedDocument>(
            "SELECT id, doc_key AS DocKey, title, published, source, text, run_id AS RunId FROM queue WHERE id = ANY(@hashes) ORDER BY enqueued_at, id", new { hashes }).AsList();
        var stored = store.Existing([.. queued.Select(q => q.Id)]);
        var ready = new List<(QueuedDocument Queued, StoredInput Input)>();
        var failures = new List<Exception>();
        foreach (var q in queued.Where(q => !stored.Contains(q.Id)))
        {
            try
            {
                var published = DateOnly.TryParse(q.Published, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : (DateOnly?)null;
                var ownId = q.DocKey.StartsWith("sha256:", StringComparison.Ordinal) || q.DocKey == q.Source ? null : q.DocKey;
                var caseFile = CasefileAnalyzer.ToCaseFile(Pipeline.Run(new Document(q.Text, q.Title, published, q.Source, id: ownId)));
                ready.Add((q, StoredInput.Prepare(q.Id, q.DocKey, q.Text, caseFile)));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add(e);
                db.Execute("UPDATE queue SET attempts = attempts + 1, last_error = @error WHERE id = @Id", new { q.Id, error = e.ToString() });
                store.Log([new LogEntry(q.DocKey, q.Id, LogStatus.Failed, StoreErrors.AnalysisFailed, $"analysis failed: {e.GetType().Name}: {e.Message}")], q.RunId);
            }
        }

        var done = stored.Concat(ready.Select(r => r.Queued.Id)).ToArray();
        foreach (var run in ready.GroupBy(r => r.Queued.RunId))
        {
            store.Put([.. run.Select(r => r.Input)], [], run.Key, tx => db.Execute("DELETE FROM queue WHERE id = ANY(@ids)", new { ids = run.Select(r => r.Queued.Id).ToArray() }, tx));
        }

        db.Execute("DELETE FROM queue WHERE id = ANY(@done)", new { done = stored.ToArray() });
        Interlocked.Add(ref processed, ready.Count);
        if (failures.Count > 0)
        {
            throw new AggregateException($"{failures.Count} of {hashes.Length} documents failed; their errors are in the ingest log and the queue table", failures);
        }
    }
}
