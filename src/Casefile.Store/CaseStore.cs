using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Casefile.Model;
using Casefile.Output;
using Casefile.Pipeline;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Casefile.Store;

/// <summary>
/// A document ready to be stored: its identity, its text, its case file, and the case file's JSON and item rows
/// (made by <see cref="Prepare"/> on the analysing thread, so the writer only writes).
/// </summary>
public sealed record StoredInput(string Hash, string DocKey, string Text, CaseFile CaseFile)
{
    internal string Json { get; private init; } = "";

    internal IReadOnlyList<StoreRows.ItemRow> Items { get; private init; } = [];

    public static StoredInput Prepare(string hash, string docKey, string text, CaseFile caseFile) =>
        new(hash, docKey, text, caseFile) { Json = CaseFileJson.Serialize(caseFile, indented: false), Items = [.. StoreRows.Items(caseFile)] };
}

/// <summary>One line of the ingest log: what happened to an input.</summary>
public sealed record LogEntry(string Input, string? DocumentId, string Status, string? Code = null, string? Message = null);

/// <summary>Ingest-log statuses.</summary>
public static class LogStatus
{
    public const string Stored = "stored";
    public const string NewVersion = "new_version";
    public const string Unchanged = "unchanged";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string Queued = "queued";
}

/// <summary>
/// The corpus store: one API over SQLite (a file, WAL mode) and PostgreSQL. Documents are keyed by the SHA-256 of
/// their text, so storing the same text again changes nothing; every layer's records go to <c>items</c>, sentences
/// to full-text search, both in the document's transaction, so a document is there whole or not at all.
/// </summary>
public sealed partial class CaseStore : IDisposable
{
    private readonly DbConnection _db;

    private CaseStore(StoreLocation location, DbConnection db)
    {
        Location = location;
        _db = db;
    }

    public StoreLocation Location { get; }

    public bool IsPostgres => Location.Kind == StoreKind.Postgres;

    /// <summary>The open connection (one per store; a store is used by one thread at a time).</summary>
    internal DbConnection Connection => _db;

    public static CaseStore Open(string? db) => Open(StoreLocation.Parse(db));

    /// <summary>
    /// Opens a store for reading only (search, entities, findings, timeline, export): a SQLite file is opened
    /// read-only (immutable when even its journal files cannot be created, as on a read-only file system), and
    /// the corpus entity table, when stale, is rebuilt in temporary tables of this connection instead of the
    /// file. A SQLite store older than this build must be opened once for writing (any ingest) first.
    /// </summary>
    public static CaseStore OpenReadOnly(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != StoreKind.Sqlite)
        {
            return Open(location);
        }

        SqliteConnection? connection = null;
        try
        {
            try
            {
                connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = location.ConnectionString, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
                connection.Open();
                connection.Execute("PRAGMA busy_timeout = 10000;");
                _ = connection.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_migrations");
            }
            catch (SqliteException)
            {
                // A WAL store on a read-only file system: its -shm file cannot be created, so read it as immutable.
                connection?.Dispose();
                var uri = "file:" + Uri.EscapeDataString(Path.GetFullPath(location.ConnectionString)).Replace("%2F", "/", StringComparison.Ordinal) + "?immutable=1";
                connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = uri, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
                connection.Open();
            }
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            connection?.Dispose();
            throw new CasefileException(StoreErrors.CannotOpen, $"cannot open the store {location.Display} for reading: {e.Message} Check the path and its permissions.", e);
        }

        var store = new CaseStore(location, connection) { ReadOnly = true };
        try
        {
            var current = connection.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_migrations") ?? 0;
            store.CheckVersion(current);
            if (current < Migrations.For(location.Kind).Count)
            {
                throw new CasefileException(StoreErrors.CannotOpen,
                    $"the store {location.Display} was made by an older casefile (schema {current}) and is opened read-only here; run any 'casefile ingest … --db {location.Display}' once with write access to upgrade it.");
            }
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }

    /// <summary>Opened with <see cref="OpenReadOnly"/>: nothing is written to the store.</summary>
    public bool ReadOnly { get; private init; }

    public static CaseStore Open(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        DbConnection connection;
        try
        {
            if (location.Kind == StoreKind.Sqlite)
            {
                var dir = Path.GetDirectoryName(location.ConnectionString);
                if (!string.IsNullOrEmpty(dir))
                {
                    Directory.CreateDirectory(dir);
                }

                connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = location.ConnectionString, Pooling = false }.ConnectionString);
                connection.Open();
                connection.Execute("PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA wal_autocheckpoint = 8000; PRAGMA cache_size = -8000;");
            }
            else
            {
                connection = new NpgsqlConnection(location.ConnectionString);
                connection.Open();
            }
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or IOException or UnauthorizedAccessException)
        {
            throw new CasefileException(StoreErrors.CannotOpen, $"cannot open the store {location.Display}: {e.Message} Check the path or URL, and that the database is running.", e);
        }

        var store = new CaseStore(location, connection);
        try
        {
            if (!Migrated.ContainsKey(location.ConnectionString))
            {
                store.Migrate();
                Migrated[location.ConnectionString] = true;
            }
            else
            {
                store.CheckVersion(connection.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_migrations") ?? 0);
            }
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }

    public void Dispose() => _db.Dispose();

    /// <summary>Stores this process has brought up to date already (workers open a store per job).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Migrated = new(StringComparer.Ordinal);

    /// <summary>Applies the migrations this build knows and the store lacks; refuses a store made by a newer build.</summary>
    private void Migrate()
    {
        var migrations = Migrations.For(Location.Kind);
        using var tx = _db.BeginTransaction();
        if (IsPostgres)
        {
            _db.Execute("SELECT pg_advisory_xact_lock(727274)", transaction: tx); // one opener migrates at a time
        }

        _db.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", transaction: tx);
        var current = _db.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_migrations", transaction: tx) ?? 0;
        if (current > migrations.Count)
        {
            throw NewerSchema(current, migrations.Count);
        }

        for (var v = current + 1; v <= migrations.Count; v++)
        {
            _db.Execute(migrations[v - 1], transaction: tx);
            _db.Execute("INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @at)", new { v, at = Now() }, tx);
        }

        tx.Commit();
    }

    private CasefileException NewerSchema(int current, int known) => new(StoreErrors.NewerSchema,
        $"the store {Location.Display} has schema version {current}, newer than this casefile knows ({known}); update casefile.");

    private void CheckVersion(int current)
    {
        var known = Migrations.For(Location.Kind).Count;
        if (current > known)
        {
            throw NewerSchema(current, known);
        }

        if (current < known)
        {
            Migrate(); // migrated by this process before, changed since (restored from a backup): bring it up to date
        }
    }

    /// <summary>The schema version of the store.</summary>
    public int SchemaVersion => _db.ExecuteScalar<int>("SELECT MAX(version) FROM schema_migrations");

    internal static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Which of these text hashes are stored already.</summary>
    public HashSet<string> Existing(IReadOnlyCollection<string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Count == 0)
        {
            return [];
        }

        var found = IsPostgres
            ? _db.Query<string>("SELECT id FROM documents WHERE id = ANY(@ids)", new { ids = hashes.ToArray() })
            : _db.Query<string>("SELECT id FROM documents WHERE id IN @ids", new { ids = hashes });
        return [.. found];
    }

    /// <summary>
    /// Stores documents and log lines in one transaction: each document with all its items and sentences, or, when its
    /// text is stored already, only an "unchanged" line. Returns the log lines as written (with the statuses decided here).
    /// </summary>
    public IReadOnlyList<LogEntry> Put(IReadOnlyList<StoredInput> documents, IReadOnlyList<LogEntry> log, string runId, Action<DbTransaction>? alsoInTransaction = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(log);
        var written = new List<LogEntry>(log);
        using var tx = _db.BeginTransaction();
        if (IsPostgres)
        {
            written.AddRange(PutPostgres(documents, tx));
        }
        else
        {
            foreach (var d in documents)
            {
                written.Add(PutOne(d, tx));
            }
        }

        Log(written, runId, tx);
        alsoInTransaction?.Invoke(tx);
        tx.Commit();
        return written;
    }

    /// <summary>Writes log lines on their own (failures met outside a document's transaction), or inside a transaction of the caller's.</summary>
    public void Log(IEnumerable<LogEntry> entries, string runId, DbTransaction? transaction = null)
    {
        var tx = transaction ?? _db.BeginTransaction();
        try
        {
            if (IsPostgres)
            {
                // One statement for all lines (a worker's job logs 32): a statement per line cost a round trip each.
                // WITH ORDINALITY … ORDER BY keeps the ids (BIGSERIAL) in the order of the lines.
                var list = entries as IReadOnlyList<LogEntry> ?? [.. entries];
                _db.Execute("""
                    INSERT INTO ingest_log (run_id, input, document_id, status, code, message, at)
                    SELECT @runId, l.input, l.document_id, l.status, l.code, l.message, @at
                    FROM unnest(@inputs, @documents, @statuses, @codes, @messages) WITH ORDINALITY AS l (input, document_id, status, code, message, n)
                    ORDER BY l.n
                    """,
                    new
                    {
                        runId, at = Now(), inputs = list.Select(l => l.Input).ToArray(), documents = list.Select(l => l.DocumentId).ToArray(),
                        statuses = list.Select(l => l.Status).ToArray(), codes = list.Select(l => l.Code).ToArray(), messages = list.Select(l => l.Message).ToArray(),
                    }, tx);
            }
            else
            {
                foreach (var entry in entries)
            {
                    _db.Execute("INSERT INTO ingest_log (run_id, input, document_id, status, code, message, at) VALUES (@runId, @Input, @DocumentId, @Status, @Code, @Message, @at)",
                        new { runId, entry.Input, entry.DocumentId, entry.Status, entry.Code, entry.Message, at = Now() }, tx);
                }
            }

            if (transaction is null)
            {
                tx.Commit();
            }
        }
        finally
        {
            if (transaction is null)
            {
                tx.Dispose();
            }
        }
    }

    /// <summary>SQLite: one document with its items and sentences (PostgreSQL: <see cref="PutPostgres"/>).</summary>
    private LogEntry PutOne(StoredInput d, DbTransaction tx)
    {
        var cf = d.CaseFile;
        var version = _db.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) + 1 FROM documents WHERE doc_key = @DocKey", new { d.DocKey }, tx);
        if (d.Json.Length == 0)
        {
            d = StoredInput.Prepare(d.Hash, d.DocKey, d.Text, cf);
        }

        var items = d.Items;
        var inserted = _db.Execute("""
            INSERT INTO documents (id, doc_key, version, title, published, source, length, text, case_file, items, ingested_at)
            VALUES (@Hash, @DocKey, @version, @title, @published, @source, @length, @Text, @json, @count, @at)
            ON CONFLICT (id) DO NOTHING
            """,
            new
            {
                d.Hash, d.DocKey, version, title = cf.Document.Title, published = cf.Document.Published, source = cf.Document.Source,
                length = d.Text.Length, d.Text, json = d.Json, count = items.Count, at = Now(),
            }, tx);
        if (inserted == 0)
        {
            return new LogEntry(d.DocKey, d.Hash, LogStatus.Unchanged);
        }

        var sentences = cf.Sentences.Select((s, i) => new StoreRows.SentenceRow(d.Hash, i, s.Start, s.End, d.Text[s.Start..s.End]));
        InsertSqlite((SqliteTransaction)tx, d.Hash, items, sentences);
        AssignEntityKeys([(d, version)], tx);

        return new LogEntry(d.DocKey, d.Hash, version == 1 ? LogStatus.Stored : LogStatus.NewVersion);
    }

    /// <summary>
    /// PostgreSQL: one INSERT per document (its version computed in the same statement), then the items and sentences
    /// of all the documents inserted in two COPYs. Statements per document were a round trip each, five per document;
    /// now one per document and two per batch. Same transaction, so still all or nothing.
    /// </summary>
    private List<LogEntry> PutPostgres(IReadOnlyList<StoredInput> documents, DbTransaction tx)
    {
        var written = new List<LogEntry>(documents.Count);
        var inserted = new List<StoredInput>(documents.Count);
        var versions = new List<(StoredInput, int)>(documents.Count);
        foreach (var input in documents)
        {
            var d = input.Json.Length == 0 ? StoredInput.Prepare(input.Hash, input.DocKey, input.Text, input.CaseFile) : input;
            var cf = d.CaseFile;
            var version = _db.QuerySingleOrDefault<int?>("""
                INSERT INTO documents (id, doc_key, version, title, published, source, length, text, case_file, items, ingested_at)
                VALUES (@Hash, @DocKey, (SELECT COALESCE(MAX(version), 0) + 1 FROM documents WHERE doc_key = @DocKey), @title, @published, @source, @length, @Text, @json, @count, @at)
                ON CONFLICT (id) DO NOTHING
                RETURNING version
                """,
                new
                {
                    d.Hash, d.DocKey, title = cf.Document.Title, published = cf.Document.Published, source = cf.Document.Source,
                    length = d.Text.Length, d.Text, json = d.Json, count = d.Items.Count, at = Now(),
                }, tx);
            if (version is not { } v)
            {
                written.Add(new LogEntry(d.DocKey, d.Hash, LogStatus.Unchanged));
                continue;
            }

            inserted.Add(d);
            versions.Add((d, v));
            written.Add(new LogEntry(d.DocKey, d.Hash, v == 1 ? LogStatus.Stored : LogStatus.NewVersion));
        }

        if (inserted.Count > 0)
        {
            var db = (NpgsqlConnection)_db;
            CopyItems(db, inserted);
            CopySentences(db, inserted.SelectMany(d => d.CaseFile.Sentences.Select((s, i) => new StoreRows.SentenceRow(d.Hash, i, s.Start, s.End, d.Text[s.Start..s.End]))));
            AssignEntityKeys(versions, tx);
        }

        return written;
    }

    /// <summary>Items and sentences through two prepared commands whose parameters are set per row (Dapper's per-row mapping cost twice as much here).</summary>
    private void InsertSqlite(SqliteTransaction tx, string doc, IReadOnlyList<StoreRows.ItemRow> items, IEnumerable<StoreRows.SentenceRow> sentences)
    {
        using var item = Prepared(tx, "items", ["document_id", "layer", "ordinal", "span_start", "span_end", "kind", "label", "entity", "json"], out var p);
        p[0].Value = doc;
        foreach (var i in items)
        {
            Set(p, 1, i.Layer, i.Ordinal, i.Start, i.End, i.Kind, i.Label, i.Entity, i.Json);
            item.ExecuteNonQuery();
        }

        using var sentence = Prepared(tx, "sentences", ["document_id", "text", "ordinal", "span_start", "span_end"], out var q);
        q[0].Value = doc;
        foreach (var x in sentences)
        {
            Set(q, 1, x.Text, x.Ordinal, x.Start, x.End);
            sentence.ExecuteNonQuery();
        }
    }

    /// <summary>A prepared INSERT of the given columns; integer columns are those named ordinal or span_*.</summary>
    private SqliteCommand Prepared(SqliteTransaction tx, string table, string[] columns, out SqliteParameter[] parameters)
    {
        var command = (SqliteCommand)_db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        parameters = [.. columns.Select(c => command.Parameters.Add("$" + c, c is "ordinal" or "span_start" or "span_end" ? SqliteType.Integer : SqliteType.Text))];
        command.Prepare();
        return command;
    }

    private static void Set(SqliteParameter[] parameters, int first, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            parameters[first + i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static void CopyItems(NpgsqlConnection db, IReadOnlyList<StoredInput> documents)
    {
        using var copy = db.BeginBinaryImport("COPY items (document_id, layer, ordinal, span_start, span_end, kind, label, entity, json) FROM STDIN (FORMAT BINARY)");
        foreach (var (doc, i) in documents.SelectMany(d => d.Items.Select(i => (d.Hash, i))))
        {
            copy.StartRow();
            copy.Write(doc);
            copy.Write(i.Layer);
            copy.Write(i.Ordinal);
            WriteNullable(copy, i.Start);
            WriteNullable(copy, i.End);
            WriteNullable(copy, i.Kind);
            WriteNullable(copy, i.Label);
            WriteNullable(copy, i.Entity);
            WriteNullable(copy, i.Json);
        }

        copy.Complete();
    }

    private static void CopySentences(NpgsqlConnection db, IEnumerable<StoreRows.SentenceRow> rows)
    {
        using var copy = db.BeginBinaryImport("COPY sentences (document_id, ordinal, span_start, span_end, text) FROM STDIN (FORMAT BINARY)");
        foreach (var s in rows)
        {
            copy.StartRow();
            copy.Write(s.Document);
            copy.Write(s.Ordinal);
            copy.Write(s.Start);
            copy.Write(s.End);
            copy.Write(s.Text.Replace("\0", "", StringComparison.Ordinal));
        }

        copy.Complete();
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value);
        }
    }

    /// <summary>How many documents (latest versions), items and log lines the store holds.</summary>
    public (int Documents, int Versions, long Items) Counts() =>
        (_db.ExecuteScalar<int>("SELECT COUNT(DISTINCT doc_key) FROM documents"), _db.ExecuteScalar<int>("SELECT COUNT(*) FROM documents"),
         _db.ExecuteScalar<long>("SELECT COUNT(*) FROM items"));

    /// <summary>The ingest log of a run (or all runs), oldest first.</summary>
    public IReadOnlyList<LogEntry> IngestLog(string? runId = null) =>
        [.. _db.Query<LogEntry>("SELECT input, document_id AS DocumentId, status, code, message FROM ingest_log WHERE @runId IS NULL OR run_id = @runId ORDER BY id", new { runId })];

    /// <summary>Latest versions only: the SQL condition on a documents alias <c>d</c>.</summary>
    internal const string Latest = "d.version = (SELECT MAX(d2.version) FROM documents d2 WHERE d2.doc_key = d.doc_key)";

    /// <summary>
    /// Stored case files with their texts (latest versions), in ingest order; all, or those with these ids. Asked by ids (an
    /// entity's documents, on every entity page), they come from <see cref="ParsedCache"/> when this process read them before:
    /// a document id is the hash of its text and a stored case file is never rewritten, so what was read stays true.
    /// </summary>
    public IEnumerable<(string Id, CaseFile CaseFile, string Text)> CaseFiles(IReadOnlyCollection<string>? ids = null)
    {
        if (ids is null)
        {
            foreach (var (id, json, text) in _db.Query<(string, string, string)>($"SELECT d.id, d.case_file, d.text FROM documents d WHERE {Latest} ORDER BY d.ingested_at, d.id"))
            {
                yield return (id, Parse(id, json), text); // buffered: callers query while they read
            }

            yield break;
        }

        var order = _db.Query<string>($"SELECT d.id FROM documents d WHERE {Latest}" + (IsPostgres ? " AND d.id = ANY(@ids)" : " AND d.id IN @ids") + " ORDER BY d.ingested_at, d.id",
            new { ids = ids.ToArray() }).AsList();
        var found = new Dictionary<string, (CaseFile, string)>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var id in order)
        {
            if (ParsedCache.TryGet(Location.ConnectionString, id) is { } hit)
            {
                found[id] = hit;
            }
            else
            {
                missing.Add(id);
            }
        }

        foreach (var chunk in missing.Chunk(500))
        {
            foreach (var (id, json, text) in _db.Query<(string, string, string)>("SELECT id, case_file, text FROM documents WHERE " + (IsPostgres ? "id = ANY(@chunk)" : "id IN @chunk"), new { chunk }))
            {
                found[id] = ParsedCache.Add(Location.ConnectionString, id, Parse(id, json), text);
            }
        }

        foreach (var id in order)
        {
            var (cf, text) = found[id];
            yield return (id, cf, text);
        }
    }

    private static CaseFile Parse(string id, string json) => CaseFileJson.Deserialize(json) ?? throw new InvalidDataException($"the stored case file of {id} does not parse");

    internal static bool IsTransient(Exception e) => e is DbException { IsTransient: true };

    internal DbTransaction Begin(IsolationLevel level = IsolationLevel.ReadCommitted) => _db.BeginTransaction(level);
}
