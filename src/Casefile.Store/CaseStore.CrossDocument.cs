using System.Text.Json;
using Casefile.Checks;
using Casefile.Model;
using Casefile.Output;
using Casefile.Resolution;
using Dapper;

namespace Casefile.Store;

/// <summary>
/// A finding of the <c>cross-document</c> check over the store: <see cref="Document"/> states a fact one way,
/// <see cref="OtherDocument"/> (ids; <see cref="Finding.OtherDocument"/> is that id too, the message names its title)
/// the same or another way.
/// </summary>
public sealed record CrossDocumentFinding(string Document, string? Title, string OtherDocument, string? OtherTitle, Finding Finding);

/// <summary>The cross-document findings as cached in <c>store_meta</c>, with the generation of the corpus they were computed for.</summary>
internal sealed record CrossDocumentCache(string Generation, IReadOnlyList<CrossDocumentFinding> Findings);

/// <summary>The documents in a cross-document finding, cached apart (the corpus page reads only these).</summary>
internal sealed record CrossDocumentMembersCache(string Generation, IReadOnlyList<string> Members);

/// <summary>The cache's JSON: not indented (a large corpus has tens of thousands of pairs).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(
    PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
[System.Text.Json.Serialization.JsonSerializable(typeof(CrossDocumentCache))]
[System.Text.Json.Serialization.JsonSerializable(typeof(CrossDocumentMembersCache))]
internal sealed partial class CrossDocumentCacheJson : System.Text.Json.Serialization.JsonSerializerContext;

public sealed partial class CaseStore
{
    /// <summary>The name of the check that compares documents with each other.</summary>
    public const string CrossDocumentCheck = "cross-document";

    private const string CrossDocumentKey = "cross_document", CrossMembersKey = "cross_document_members";

    private (string Generation, IReadOnlyList<CrossDocumentFinding> Findings)? _crossDocument;

    private (string Generation, HashSet<string> Members)? _crossMembers;

    /// <summary>
    /// The <c>cross-document</c> check (<see cref="CrossDocument.Check"/>, as <c>casefile check</c> runs it over several
    /// files) over the stored documents (latest versions) and the corpus entity table, inconsistent first. Computed
    /// lazily when the documents or the corrections changed, and cached as JSON in <c>store_meta</c> under
    /// <c>cross_document</c> with the generation it was computed for (in memory only for a read-only store).
    /// </summary>
    public IReadOnlyList<CrossDocumentFinding> CrossDocumentFindings()
    {
        var generation = CrossDocumentGeneration();
        if (_crossDocument is { } known && known.Generation == generation)
        {
            return known.Findings;
        }

        var cached = ReadMeta(CrossDocumentKey, CrossDocumentCacheJson.Default.CrossDocumentCache);
        IReadOnlyList<CrossDocumentFinding> findings;
        if (cached is not null && cached.Generation == generation)
        {
            findings = cached.Findings;
        }
        else
        {
            findings = ComputeCrossDocument();
            _crossMembers = (generation, Members(findings));
            if (!ReadOnly)
            {
                using var tx = _db.BeginTransaction();
                WriteMeta(CrossDocumentKey, JsonSerializer.Serialize(new CrossDocumentCache(generation, findings), CrossDocumentCacheJson.Default.CrossDocumentCache), tx);
                WriteMeta(CrossMembersKey, JsonSerializer.Serialize(new CrossDocumentMembersCache(generation, [.. _crossMembers.Value.Members.Order(StringComparer.Ordinal)]), CrossDocumentCacheJson.Default.CrossDocumentMembersCache), tx);
                tx.Commit();
            }
        }

        _crossDocument = (generation, findings);
        return findings;
    }

    /// <summary>
    /// The documents that take part in a cross-document finding (either side), from their own small cache entry
    /// (<c>cross_document_members</c>), so the corpus page's filter and counts do not read every finding.
    /// </summary>
    public IReadOnlySet<string> CrossDocumentMembers()
    {
        var generation = CrossDocumentGeneration();
        if (_crossMembers is { } known && known.Generation == generation)
        {
            return known.Members;
        }

        var cached = ReadMeta(CrossMembersKey, CrossDocumentCacheJson.Default.CrossDocumentMembersCache);
        if (cached is not null && cached.Generation == generation)
        {
            _crossMembers = (generation, cached.Members.ToHashSet(StringComparer.Ordinal));
            return _crossMembers.Value.Members;
        }

        CrossDocumentFindings();
        return _crossMembers?.Members ?? Members(CrossDocumentFindings());
    }

    private static HashSet<string> Members(IReadOnlyList<CrossDocumentFinding> findings) =>
        findings.SelectMany(f => new[] { f.Document, f.OtherDocument }).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// What the cross-document findings depend on: the documents (count and the latest row: SQLite's rowid, PostgreSQL's
    /// latest <c>ingested_at</c>) and the corrections (count, undone, latest id). Cheap on purpose: in SQLite,
    /// <c>MAX(ingested_at)</c> reads every document row past its text and case file (~100 ms at 500 articles), the rowid is
    /// the b-tree's last key. Documents are never deleted, so a new one always changes the count.
    /// </summary>
    private string CrossDocumentGeneration() =>
        "1|" + _db.ExecuteScalar<string>(IsPostgres
            ? "SELECT CAST(COUNT(*) AS TEXT) || '/' || COALESCE(MAX(ingested_at), '') FROM documents"
            : "SELECT CAST(COUNT(*) AS TEXT) || '/' || CAST(COALESCE(MAX(rowid), 0) AS TEXT) FROM documents")
        + "|" + _db.ExecuteScalar<string>("SELECT CAST(COUNT(*) AS TEXT) || '/' || CAST(COUNT(undone_at) AS TEXT) || '/' || CAST(COALESCE(MAX(id), 0) AS TEXT) FROM corrections");

    private T? ReadMeta<T>(string key, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        var json = _db.ExecuteScalar<string?>("SELECT value FROM store_meta WHERE key = @key", new { key });
        try
        {
            return json is null ? null : JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return null; // written by another build: computed again
        }
    }

    private void WriteMeta(string key, string value, System.Data.Common.DbTransaction tx) =>
        _db.Execute("INSERT INTO store_meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", new { key, value }, tx);

    /// <summary>
    /// The findings of the store: each document's (<see cref="Findings"/>) and the cross-document ones (listed under the
    /// first document of the pair), inconsistent first; all, or of one check, or of one status.
    /// </summary>
    public IReadOnlyList<FindingRow> CorpusFindings(string? check = null, string? status = null)
    {
        var own = check == CrossDocumentCheck ? [] : Findings(check, status);
        var cross = check is null or CrossDocumentCheck
            ? CrossDocumentFindings().Where(f => status is null || f.Finding.Status == status).Select(f => new FindingRow(f.Document, f.Title, f.Finding))
            : [];
        return [.. own.Concat(cross).OrderBy(r => r.Finding.Status switch { "inconsistent" => 0, "unverifiable" => 1, _ => 2 })];
    }

    private List<CrossDocumentFinding> ComputeCrossDocument()
    {
        RefreshCorpus(); // the corpus entity table ties people across documents
        var docs = _db.Query<(string Id, string? Title, string? Source)>($"SELECT d.id, d.title, d.source FROM documents d WHERE {Latest} ORDER BY d.ingested_at, d.id").AsList();
        if (docs.Count < 2)
        {
            return [];
        }

        var events = _db.Query<(string Doc, string Json)>($"""
            SELECT i.document_id, i.json FROM items i JOIN documents d ON d.id = i.document_id
            WHERE i.layer = 'events' AND i.json IS NOT NULL AND {Latest} ORDER BY i.document_id, i.ordinal
            """)
            .GroupBy(r => r.Doc).ToDictionary(g => g.Key, g => (IReadOnlyList<Event>)[.. g.Select(r => JsonSerializer.Deserialize(r.Json, CasefileJsonContext.Default.Event)!)]);
        // Only entities in two documents or more can tie facts of two documents together.
        var entities = _db.Query<string>("SELECT json FROM corpus_entities WHERE documents > 1")
            .Select(j => JsonSerializer.Deserialize(j, StoreJson.Default.CorpusEntity)!).ToList();
        // The check names a document by its source: give it the id, and name the other document by its title in the message.
        var caseFiles = docs.Select(d => new CaseFile
        {
            Document = new DocumentInfo(d.Id, d.Title, null, "en", d.Id, 0),
            Sentences = [], Mentions = [], Quantities = [], Times = [], LegalRefs = [],
            Events = events.GetValueOrDefault(d.Id) ?? [],
        }).ToList();
        var names = docs.ToDictionary(d => d.Id, d => (d.Title, Display: d.Title ?? d.Source ?? d.Id), StringComparer.Ordinal);
        return [.. CrossDocument.Check(caseFiles, entities).Select(c =>
        {
            var other = c.Finding.OtherDocument ?? "";
            var otherName = names.TryGetValue(other, out var o) ? o : (null, other);
            return new CrossDocumentFinding(c.Document, names[c.Document].Title, other, otherName.Title,
                c.Finding with { Message = c.Finding.Message.Replace(other, otherName.Display, StringComparison.Ordinal) });
        })];
    }

    /// <summary>Cross-document findings as indented JSON.</summary>
    public static string ToJson(IReadOnlyList<CrossDocumentFinding> findings) => JsonSerializer.Serialize(findings, SearchJson.Default.IReadOnlyListCrossDocumentFinding);
}
