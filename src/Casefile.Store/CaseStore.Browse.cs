using System.Text.Json;
using Casefile.Model;
using Casefile.Output;
using Dapper;

namespace Casefile.Store;

/// <summary>A stored document (latest version) with the counts the corpus page shows.</summary>
public sealed record DocumentRow(
    string Id, string DocKey, int Version, string? Title, string? Published, string? Source, int Length, string IngestedAt,
    int Entities, int Claims, int Findings, int Inconsistent);

/// <summary>A page of documents and how many match in all.</summary>
public sealed record DocumentPage(IReadOnlyList<DocumentRow> Documents, int Total, int Offset = 0);

/// <summary>A user's correction as stored: what, by whom, when, and whether (and by whom) it was undone.</summary>
public sealed record CorrectionRow(
    long Id, string Action, IReadOnlyList<string> Names, string? From, string Author, string CreatedAt, string? UndoneAt, string? UndoneBy,
    IReadOnlyList<long>? Members = null, string? Entity = null);

public sealed partial class CaseStore
{
    /// <summary>
    /// Documents (latest versions), newest publication first (then newest ingested, then by id: a stable order for
    /// paging): all, or those that pass every filter given (AND): a corpus entity occurs in them, they have a finding of
    /// a check (cross-document: they take part in a cross-document finding), a sentence matches a search. A page of
    /// <paramref name="limit"/> from <paramref name="offset"/>, with their entity, claim and finding counts and the total.
    /// </summary>
    public DocumentPage Documents(string? entity = null, string? check = null, int limit = 200, int offset = 0, string? query = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var (filter, args) = Filter(query, entity, check);
        args.Add("limit", limit);
        args.Add("offset", offset);
        var where = $"WHERE {Latest} {filter}";
        var total = _db.ExecuteScalar<int>($"SELECT COUNT(*) FROM documents d {where}", args);
        var docs = _db.Query<(string Id, string DocKey, int Version, string? Title, string? Published, string? Source, int Length, string IngestedAt)>($"""
            SELECT d.id, d.doc_key, d.version, d.title, d.published, d.source, d.length, d.ingested_at FROM documents d {where}
            ORDER BY COALESCE(d.published, '') DESC, d.ingested_at DESC, d.id LIMIT @limit OFFSET @offset
            """, args).AsList();
        if (docs.Count == 0)
        {
            return new DocumentPage([], total, offset);
        }

        var ids = docs.Select(d => d.Id).ToArray();
        var counts = _db.Query<(string Doc, int Entities, int Claims, int Findings, int Inconsistent)>($"""
            SELECT document_id,
                   SUM(CASE WHEN layer = 'entities' THEN 1 ELSE 0 END), SUM(CASE WHEN layer = 'claims' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN layer = 'findings' THEN 1 ELSE 0 END), SUM(CASE WHEN layer = 'findings' AND label = 'inconsistent' THEN 1 ELSE 0 END)
            FROM items WHERE layer IN ('entities', 'claims', 'findings') AND document_id {(IsPostgres ? "= ANY(@ids)" : "IN @ids")}
            GROUP BY document_id
            """, new { ids }).ToDictionary(c => c.Doc);
        return new DocumentPage(
            [.. docs.Select(d => counts.TryGetValue(d.Id, out var c)
                ? new DocumentRow(d.Id, d.DocKey, d.Version, d.Title, d.Published, d.Source, d.Length, d.IngestedAt, c.Entities, c.Claims, c.Findings, c.Inconsistent)
                : new DocumentRow(d.Id, d.DocKey, d.Version, d.Title, d.Published, d.Source, d.Length, d.IngestedAt, 0, 0, 0, 0))],
            total, offset);
    }

    /// <summary>Whether the store holds any document (an empty corpus page says so; a filtered one says nothing matches).</summary>
    public bool HasDocuments() => _db.ExecuteScalar<int>("SELECT CASE WHEN EXISTS (SELECT 1 FROM documents) THEN 1 ELSE 0 END") == 1;

    /// <summary>One stored document by id (any version) with its case file and text; null when there is none.</summary>
    public (DocumentRow Row, CaseFile CaseFile, string Text)? Document(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var rows = _db.Query<(string Id, string DocKey, int Version, string? Title, string? Published, string? Source, int Length, string IngestedAt, string Json, string Text)>(
            "SELECT id, doc_key, version, title, published, source, length, ingested_at, case_file, text FROM documents WHERE id = @id", new { id }).AsList();
        if (rows.Count == 0)
        {
            return null;
        }

        var row = rows[0];
        var cf = CaseFileJson.Deserialize(row.Json) ?? throw new InvalidDataException($"the stored case file of {id} does not parse");
        var findings = cf.Findings ?? [];
        return (new DocumentRow(row.Id, row.DocKey, row.Version, row.Title, row.Published, row.Source, row.Length, row.IngestedAt,
            cf.Entities?.Count ?? 0, cf.Claims?.Count ?? 0, findings.Count, findings.Count(f => f.Status == "inconsistent")), cf, row.Text);
    }

    /// <summary>The versions stored under a document's key, oldest first: (id, version, ingested at).</summary>
    public IReadOnlyList<(string Id, int Version, string IngestedAt)> Versions(string docKey) =>
        [.. _db.Query<(string, int, string)>("SELECT id, version, ingested_at FROM documents WHERE doc_key = @docKey ORDER BY version", new { docKey })];

    /// <summary>For one document: its entity ids mapped to the corpus-wide entity ids (after a refresh of the corpus table).</summary>
    public IReadOnlyDictionary<string, string> CorpusIds(string documentId)
    {
        RefreshCorpus();
        return _db.Query<(string Entity, string Corpus)>("SELECT entity_id, corpus_id FROM corpus_members WHERE document_id = @documentId", new { documentId })
            .ToDictionary(r => r.Entity, r => r.Corpus, StringComparer.Ordinal);
    }

    /// <summary>Every correction, newest first, undone ones included (marked).</summary>
    public IReadOnlyList<CorrectionRow> Corrections() =>
        [.. _db.Query<(long Id, string Action, string Payload, string Author, string CreatedAt, string? UndoneAt, string? UndoneBy)>(
                "SELECT id, action, payload, author, created_at, undone_at, undone_by FROM corrections ORDER BY id DESC")
            .Select(r =>
            {
                var p = JsonSerializer.Deserialize(r.Payload, StoreJson.Default.CorrectionPayload)!;
                return new CorrectionRow(r.Id, r.Action, p.Names, p.From, r.Author, r.CreatedAt, r.UndoneAt, r.UndoneBy, p.Members, p.Entity);
            })];

    /// <summary>The corpus-wide entity with this id (after a refresh), with every document's member and the link that joined it; null when there is none.</summary>
    public Casefile.Resolution.CorpusEntity? CorpusEntity(string id)
    {
        RefreshCorpus();
        var json = _db.QueryFirstOrDefault<string>("SELECT json FROM corpus_entities WHERE id = @id", new { id });
        return json is null ? null : JsonSerializer.Deserialize(json, StoreJson.Default.CorpusEntity);
    }

    public static string ToJson(DocumentPage page) => JsonSerializer.Serialize(page, StoreJson.Default.DocumentPage);

    public static string ToJson(IReadOnlyList<CorrectionRow> rows) => JsonSerializer.Serialize(rows, StoreJson.Default.IReadOnlyListCorrectionRow);

    public static string ToJson(LogEntry entry) => JsonSerializer.Serialize(entry, StoreJson.Default.LogEntry);
}
