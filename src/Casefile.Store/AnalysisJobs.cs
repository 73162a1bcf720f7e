using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Pipeline;
using Dapper;

namespace Casefile.Store;

/// <summary>The states of an analysis job (the web app's pasted and uploaded texts).</summary>
public static class JobStates
{
    public const string Queued = "queued";
    public const string Analysing = "analysing";
    public const string Stored = "stored";
    public const string Failed = "failed";
}

/// <summary>
/// Where an analysis job is. <see cref="Stage"/> and <see cref="StartedAt"/> while it is analysed; <see cref="Ahead"/>
/// (jobs enqueued before it and not finished) while it waits; <see cref="DocumentId"/> and <see cref="Outcome"/> (the
/// ingest-log status: stored, new_version, unchanged) once stored; <see cref="Code"/> and <see cref="Message"/> once failed.
/// </summary>
public sealed record JobStatus(string Id, string State, string? Title, string? Source, int Chars, string? EnqueuedAt)
{
    public string? Stage { get; init; }

    public string? StartedAt { get; init; }

    public int Ahead { get; init; }

    public int Attempts { get; init; }

    public string? DocumentId { get; init; }

    public string? Outcome { get; init; }

    public string? Code { get; init; }

    public string? Message { get; init; }
}

/// <summary>A job taken by a worker: the text to analyse, as read when it was enqueued.</summary>
public sealed record ClaimedJob(string Id, string DocKey, string? Title, DateOnly? Published, string? Source, string Text, IReadOnlyList<Warning> Warnings, int Attempts, string StartedAt);

/// <summary>
/// The web app's analysis jobs, kept in the store's existing tables (no migration of their own):
/// <list type="bullet">
/// <item>the pending text is a row of <c>queue</c> whose id is the job's (<c>web-</c> and 32 hex digits, never a text's
/// hash, so Hangfire's <see cref="IngestJob"/>s, which take rows by hash, never touch it), written before the request answers;</item>
/// <item>a worker claims a row with a lease in <c>store_meta</c> (key <c>job-lease:ID</c>, value
/// <c>until|owner|started|stage</c>): an upsert that only replaces an expired lease, so of two takers (threads,
/// processes, machines on one PostgreSQL database) exactly one wins; the worker renews it while it analyses and
/// writes its stage into it, which is where the job page reads the progress;</item>
/// <item>the result is stored with the deletion of the queue row and the lease in one transaction, the outcome in
/// <c>ingest_log</c> under the job's id as run id (stored, new_version, unchanged, or failed with its code), which is
/// what the job page shows once the row is gone. A completion that finds its row gone (another taker finished it)
/// is rolled back.</item>
/// </list>
/// A server stopped mid-job leaves the row; its lease runs out and the next worker (the same server started again)
/// takes it. Each claim counts an attempt; a job claimed <see cref="MaxAttempts"/> times without finishing (a server
/// that crashes during its analysis every time) fails with <see cref="TooManyAttempts"/>.
/// </summary>
public static class AnalysisJobs
{
    public const string Prefix = "web-";

    /// <summary>CF2925: the job was taken this many times without finishing.</summary>
    public const string TooManyAttempts = "CF2925";

    public const int MaxAttempts = 3;

    private const string LeasePrefix = "job-lease:";

    public static bool IsJobId(string? id) =>
        id is { Length: 36 } && id.StartsWith(Prefix, StringComparison.Ordinal) && !id.AsSpan(Prefix.Length).ContainsAnyExcept(Hex);

    private static readonly System.Buffers.SearchValues<char> Hex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>
    /// Puts a text read from the web app into the queue (or, when the same text is stored already, records it as
    /// unchanged at once) and returns the job's id. Nothing is analysed here.
    /// </summary>
    public static string Enqueue(CaseStore store, IngestItem item)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(item);
        var document = item.Document ?? throw new ArgumentException("the item has no document (it failed to read)", nameof(item));
        var id = Prefix + Guid.NewGuid().ToString("N");
        var hash = Document.HashId(document.Text);
        var docKey = IngestRunner.DocKey(document, hash);
        if (store.Existing([hash]).Count > 0)
        {
            store.Log([new LogEntry(docKey, hash, LogStatus.Unchanged)], id);
            return id;
        }

        store.Connection.Execute("""
            INSERT INTO queue (id, doc_key, title, published, source, text, warnings, run_id, enqueued_at)
            VALUES (@id, @docKey, @Title, @published, @Source, @Text, @warnings, @id, @at)
            """,
            new
            {
                id, docKey, document.Title, published = document.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), document.Source, document.Text,
                warnings = JsonSerializer.Serialize(item.Warnings.Select(w => $"{w.Code}\t{w.Message}").ToList(), StoreJson.Default.ListString), at = CaseStore.Now(),
            });
        return id;
    }

    /// <summary>The ids of the web app's jobs still in the queue, oldest first.</summary>
    public static IReadOnlyList<string> Pending(CaseStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Connection.Query<string>("SELECT id FROM queue WHERE id LIKE 'web-%' ORDER BY enqueued_at, id").AsList();
    }

    /// <summary>
    /// Takes the job for <paramref name="owner"/> for <paramref name="lease"/> unless someone else holds a live lease on
    /// it or it is finished: then null. A job over <see cref="MaxAttempts"/> is failed here (CF2925) and null returned.
    /// </summary>
    public static ClaimedJob? TryClaim(CaseStore store, string id, string owner, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(store);
        var db = store.Connection;
        if (db.ExecuteScalar<long?>("SELECT LENGTH(text) FROM queue WHERE id = @id", new { id }) is not { } chars)
        {
            return null; // finished already
        }

        var now = DateTime.UtcNow;
        var started = Stamp(now);
        // Byte order in both back-ends (PostgreSQL's default collation could weigh the punctuation differently).
        var won = db.Execute($"""
            INSERT INTO store_meta (key, value) VALUES (@key, @value)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE store_meta.value {(store.IsPostgres ? "COLLATE \"C\" " : "")}< @now
            """, new { key = LeasePrefix + id, value = LeaseValue(now + lease, owner, started, Analysing(chars)), now = started }) == 1;
        if (!won)
        {
            return null;
        }

        if (db.Execute("UPDATE queue SET attempts = attempts + 1 WHERE id = @id", new { id }) == 0)
        {
            Release(store, id, owner); // finished by another taker between its listing and this claim
            return null;
        }

        var row = db.QuerySingle<QueueRow>(
            "SELECT doc_key AS DocKey, title AS Title, published AS Published, source AS Source, text AS Text, warnings AS Warnings, attempts AS Attempts, last_error AS LastError FROM queue WHERE id = @id",
            new { id });
        var job = new ClaimedJob(id, row.DocKey, row.Title,
            DateOnly.TryParseExact(row.Published, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var p) ? p : null,
            row.Source, row.Text, Warnings(row.Warnings), (int)row.Attempts, started);
        if (job.Attempts > MaxAttempts)
        {
            Fail(store, job, TooManyAttempts,
                $"the analysis was started {MaxAttempts} times without finishing (the server stopped or crashed during it{(row.LastError is null ? "" : "; last error: " + row.LastError)}). " +
                "Split the text, or ingest it with casefile ingest, which reports what fails.");
            return null;
        }

        return job;
    }

    /// <summary>The stage of a claimed job until it is stored.</summary>
    public static string Analysing(long chars) => $"analysing {chars.ToString("N0", CultureInfo.InvariantCulture)} characters";

    /// <summary>Renews the lease and records the stage; false when the lease is no longer this owner's.</summary>
    public static bool Progress(CaseStore store, ClaimedJob job, string owner, string stage, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(job);
        return store.Connection.Execute("UPDATE store_meta SET value = @value WHERE key = @key AND value LIKE @mine",
            new { key = LeasePrefix + job.Id, value = LeaseValue(DateTime.UtcNow + lease, owner, job.StartedAt, stage), mine = Mine(owner) }) == 1;
    }

    /// <summary>Gives the job back (the server stops): the next worker takes it at once.</summary>
    public static void Release(CaseStore store, string id, string owner)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.Connection.Execute("DELETE FROM store_meta WHERE key = @key AND value LIKE @mine", new { key = LeasePrefix + id, mine = Mine(owner) });
    }

    /// <summary>
    /// Stores the analysed document, deletes the queue row and the lease and logs the outcome under the job's id, in
    /// one transaction. Null when the row was gone (another taker finished the job): nothing is written then.
    /// </summary>
    public static LogEntry? Complete(CaseStore store, ClaimedJob job, StoredInput input)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            return store.Put([input], [], job.Id, tx => Finish(store, job.Id, tx)).Single();
        }
        catch (InvalidOperationException e) when (IsGone(e))
        {
            return null;
        }
    }

    /// <summary>Ends the job as failed with <paramref name="code"/> (unless another taker finished it).</summary>
    public static void Fail(CaseStore store, ClaimedJob job, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(job);
        using var tx = store.Begin();
        try
        {
            Finish(store, job.Id, tx);
        }
        catch (InvalidOperationException e) when (IsGone(e))
        {
            return;
        }

        store.Log([new LogEntry(job.DocKey, Document.HashId(job.Text), LogStatus.Failed, code, message)], job.Id, tx);
        tx.Commit();
    }

    /// <summary>Records why storing failed (the database refused the write) and gives the job back, to be tried again.</summary>
    public static void RecordError(CaseStore store, ClaimedJob job, string owner, string error)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(job);
        store.Connection.Execute("UPDATE queue SET last_error = @error WHERE id = @Id", new { job.Id, error });
        Release(store, job.Id, owner);
    }

    /// <summary>Where the job is, or null when there is no such job.</summary>
    public static JobStatus? Status(CaseStore store, string id)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!IsJobId(id))
        {
            return null;
        }

        var db = store.Connection;
        var row = db.QuerySingleOrDefault<QueueRow>(
            "SELECT doc_key AS DocKey, title AS Title, source AS Source, LENGTH(text) AS Chars, enqueued_at AS EnqueuedAt, attempts AS Attempts FROM queue WHERE id = @id", new { id });
        if (row is not null)
        {
            var status = new JobStatus(id, JobStates.Queued, row.Title, row.Source, (int)row.Chars, row.EnqueuedAt) { Attempts = (int)row.Attempts };
            var lease = db.QuerySingleOrDefault<string?>("SELECT value FROM store_meta WHERE key = @key", new { key = LeasePrefix + id })?.Split('|');
            if (lease is { Length: 4 } && string.CompareOrdinal(lease[0], Stamp(DateTime.UtcNow)) >= 0)
            {
                return status with { State = JobStates.Analysing, StartedAt = lease[2], Stage = lease[3] };
            }

            var ahead = db.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM queue WHERE id LIKE 'web-%' AND (enqueued_at < @at OR (enqueued_at = @at AND id < @id))", new { at = row.EnqueuedAt, id });
            return status with { Ahead = (int)ahead };
        }

        var log = db.QueryFirstOrDefault<LogRow>(
            "SELECT input AS Input, document_id AS DocumentId, status AS Status, code AS Code, message AS Message, at AS At FROM ingest_log WHERE run_id = @id ORDER BY id DESC",
            new { id });
        if (log is null)
        {
            return null;
        }

        var failed = log.Status == LogStatus.Failed;
        return new JobStatus(id, failed ? JobStates.Failed : JobStates.Stored, null, log.Input, 0, null)
        {
            DocumentId = failed ? null : log.DocumentId, Outcome = log.Status, Code = log.Code, Message = log.Message,
        };
    }

    /// <summary>Deletes the queue row and the lease, or throws (rolling the caller's transaction back) when the row is gone: see <see cref="IsGone"/>.</summary>
    private static void Finish(CaseStore store, string id, DbTransaction tx)
    {
        if (store.Connection.Execute("DELETE FROM queue WHERE id = @id", new { id }, tx) == 0)
        {
            var gone = new InvalidOperationException($"job {id} was finished by another worker");
            gone.Data[nameof(AnalysisJobs)] = "gone";
            throw gone;
        }

        store.Connection.Execute("DELETE FROM store_meta WHERE key = @key", new { key = LeasePrefix + id }, tx);
    }

    private static bool IsGone(InvalidOperationException e) => e.Data[nameof(AnalysisJobs)] is "gone";

    private static List<Warning> Warnings(string json) =>
        [.. (JsonSerializer.Deserialize(json, StoreJson.Default.ListString) ?? []).Select(w => w.Split('\t', 2)).Select(p => new Warning(p[0], p.Length > 1 ? p[1] : ""))];

    /// <summary>UTC with a fixed width, so leases compare as strings in both back-ends.</summary>
    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string LeaseValue(DateTime until, string owner, string started, string stage) =>
        $"{Stamp(until)}|{owner.Replace('|', '_')}|{started}|{stage.Replace('|', '/')}";

    private static string Mine(string owner) => "%|" + owner.Replace('|', '_') + "|%";

    private sealed class QueueRow
    {
        public string DocKey { get; set; } = "";

        public string? Title { get; set; }

        public string? Published { get; set; }

        public string? Source { get; set; }

        public string Text { get; set; } = "";

        public string Warnings { get; set; } = "[]";

        public long Attempts { get; set; }

        public string? LastError { get; set; }

        public long Chars { get; set; }

        public string? EnqueuedAt { get; set; }
    }

    private sealed class LogRow
    {
        public string Input { get; set; } = "";

        public string? DocumentId { get; set; }

        public string Status { get; set; } = "";

        public string? Code { get; set; }

        public string? Message { get; set; }

        public string? At { get; set; }
    }
}
