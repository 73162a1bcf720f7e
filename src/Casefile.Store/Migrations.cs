namespace Casefile.Store;

/// <summary>
/// Versioned schema changes, applied in order when a store is opened (each in its own transaction, recorded in
/// <c>schema_migrations</c>). One list per back-end: the tables are the same, full-text search differs (FTS5 in
/// SQLite, a tsvector column with a GIN index in PostgreSQL). Append a migration; never edit a shipped one.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<string> For(StoreKind kind) => kind == StoreKind.Sqlite ? Sqlite : Postgres;

    private const string Common = """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,               -- sha256 of the text: the same text is the same document
            doc_key TEXT NOT NULL,             -- what the input calls it (file path, JSONL id); a changed text under one key is a new version
            version INTEGER NOT NULL,
            title TEXT, published TEXT, source TEXT,
            length INTEGER NOT NULL,
            text TEXT NOT NULL,
            case_file TEXT NOT NULL,           -- the whole case file (JSON contract v1)
            items INTEGER NOT NULL,            -- how many rows it has in items: a check that nothing is half-written
            ingested_at TEXT NOT NULL,
            UNIQUE (doc_key, version));
        CREATE TABLE items (                    -- every layer's records, one row each
            document_id TEXT NOT NULL,         -- no foreign key: rows are written in their document's transaction, and a
                                               -- key check per row was a third of the database's time per document
            layer TEXT NOT NULL,               -- mentions, entities, quantities, times, legal_refs, claims, events, findings
            ordinal INTEGER NOT NULL,
            span_start INTEGER, span_end INTEGER,
            kind TEXT,                         -- type / kind / check, per layer
            label TEXT,                        -- the words, a name, a status
            entity TEXT,                       -- the entity id the record belongs to, where it has one
            json TEXT);                        -- the whole record, for entities, events and findings (the rest is in documents.case_file)
        -- (document_id, layer, ordinal) is unique by construction: a document's rows are written once, with it. A plain
        -- index (deduplicated by PostgreSQL) costs the writer less than a unique one.
        CREATE INDEX items_document ON items (document_id);
        -- Queries read the layers that keep their JSON (entities, events, findings): a partial index over those few rows
        -- costs the writer far less than indexing every mention and number.
        CREATE INDEX items_queried ON items (layer, kind) WHERE json IS NOT NULL;
        CREATE TABLE corpus_entities (
            id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, mentions INTEGER NOT NULL, documents INTEGER NOT NULL, json TEXT NOT NULL);
        CREATE INDEX corpus_entities_type ON corpus_entities (type, name);
        CREATE TABLE corpus_members (
            corpus_id TEXT NOT NULL, document_id TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (document_id, entity_id));
        CREATE INDEX corpus_members_corpus ON corpus_members (corpus_id);
        CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE queue (                    -- documents waiting for a worker (PostgreSQL + Hangfire)
            id TEXT PRIMARY KEY, doc_key TEXT NOT NULL, title TEXT, published TEXT, source TEXT, text TEXT NOT NULL,
            warnings TEXT NOT NULL, run_id TEXT NOT NULL, enqueued_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT);
        """;

    private static readonly string[] Sqlite =
    [
        Common + """

        CREATE TABLE corrections (id INTEGER PRIMARY KEY AUTOINCREMENT, action TEXT NOT NULL, payload TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE ingest_log (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, input TEXT NOT NULL, document_id TEXT,
            status TEXT NOT NULL, code TEXT, message TEXT, at TEXT NOT NULL);
        CREATE INDEX ingest_log_run ON ingest_log (run_id);
        CREATE VIRTUAL TABLE sentences USING fts5(text, document_id UNINDEXED, ordinal UNINDEXED, span_start UNINDEXED, span_end UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2');
        """,
        UndoableCorrections,
        StableEntityKeys,
    ];

    private static readonly string[] Postgres =
    [
        Common + """

        CREATE TABLE corrections (id BIGSERIAL PRIMARY KEY, action TEXT NOT NULL, payload TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE ingest_log (id BIGSERIAL PRIMARY KEY, run_id TEXT NOT NULL, input TEXT NOT NULL, document_id TEXT,
            status TEXT NOT NULL, code TEXT, message TEXT, at TEXT NOT NULL);
        CREATE INDEX ingest_log_run ON ingest_log (run_id);
        CREATE TABLE sentences (
            document_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
            span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED);
        CREATE INDEX sentences_document ON sentences (document_id);
        CREATE INDEX sentences_tsv ON sentences USING GIN (tsv);
        -- Large texts stored uncompressed: compressing them costs the database server CPU that the workers need.
        ALTER TABLE documents ALTER COLUMN text SET STORAGE EXTERNAL;
        ALTER TABLE documents ALTER COLUMN case_file SET STORAGE EXTERNAL;
        """,
        UndoableCorrections,
        """
        -- Version 3 (PostgreSQL only). Rows are looked up by document with = only (and joined on it), never in order: a hash index hashes the
        -- 64-character id once per row, where the B-tree compared it (through the collation) with every key on its path
        -- down. Measured with a worker: the database's CPU per document 1.76 -> 1.63 ms, about 7 % less.
        DROP INDEX items_document;
        CREATE INDEX items_document ON items USING HASH (document_id);
        DROP INDEX sentences_document;
        CREATE INDEX sentences_document ON sentences USING HASH (document_id);
        """,
        StableEntityKeys + """

        CREATE SEQUENCE entity_serial;
        SELECT setval('entity_serial', COALESCE((SELECT MAX(serial) FROM entity_keys), 0) + 1, false);
        """,
    ];

    /// <summary>
    /// SQLite version 3, PostgreSQL version 4: every document's entity gets a serial that is never reused (a new version of a
    /// document gives its entities their predecessors' serials where type and name agree); a corpus entity's id is "E" and
    /// the serial of its anchor member, so ids no longer depend on the order of a rebuild. Existing documents are numbered
    /// in ingest order. Corrections made from now on name serials, not names (docs/store.md, "Corpus entity ids").
    /// </summary>
    private const string StableEntityKeys = """
        CREATE TABLE entity_keys (
            document_id TEXT NOT NULL, entity_id TEXT NOT NULL, serial BIGINT NOT NULL, PRIMARY KEY (document_id, entity_id));
        CREATE INDEX entity_keys_serial ON entity_keys (serial);
        -- The corpus table's staleness check reads COUNT(*) and MAX(ingested_at) of documents on every query: from this
        -- index, not from the rows (in SQLite each row holds its text and case file, so a scan read the whole store).
        CREATE INDEX documents_ingested ON documents (ingested_at);
        INSERT INTO entity_keys (document_id, entity_id, serial)
        SELECT i.document_id, i.entity, ROW_NUMBER() OVER (ORDER BY d.ingested_at, d.id, i.ordinal)
        FROM items i JOIN documents d ON d.id = i.document_id
        WHERE i.layer = 'entities' AND i.entity IS NOT NULL;
        """;

    /// <summary>Version 2: a correction can be undone (kept, marked with who and when), from the web app.</summary>
    private const string UndoableCorrections = """
        ALTER TABLE corrections ADD COLUMN undone_at TEXT;
        ALTER TABLE corrections ADD COLUMN undone_by TEXT;
        """;
}
