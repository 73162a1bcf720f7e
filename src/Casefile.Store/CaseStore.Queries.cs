using System.Text;
using System.Text.Json;
using Casefile.Events;
using Casefile.Model;
using Casefile.Output;
using Casefile.Resolution;
using Dapper;

namespace Casefile.Store;

/// <summary>A corpus-wide entity with its mention and document counts.</summary>
public sealed record EntityRow(string Id, string Type, string Name, IReadOnlyList<string> Aliases, int Mentions, int Documents);

/// <summary>One document's view of an entity in <see cref="EntityDetail"/>.</summary>
public sealed record EntityDocument(string Document, string? Title, string Entity, string Name, int Mentions);

/// <summary>Everything the store knows of one entity: aliases, roles, documents, the events it takes part in and the claims about it or by it.</summary>
public sealed record EntityDetail(
    EntityRow Entity,
    IReadOnlyList<EntityRole> Roles,
    IReadOnlyList<EntityDocument> Documents,
    IReadOnlyList<TimelineEntry> Events,
    IReadOnlyList<ClaimRow> Claims);

/// <summary>A claim in a query result, quoted.</summary>
public sealed record ClaimRow(string Document, int Start, int End, string Text, string SourceKind, string? SourceName, string Certainty, bool BySource);

/// <summary>A finding in a query result with its document.</summary>
public sealed record FindingRow(string Document, string? Title, Finding Finding);

public sealed partial class CaseStore
{
    /// <summary>Corpus-wide entities, rebuilt first when documents or corrections changed since the last build.</summary>
    public IReadOnlyList<EntityRow> Entities(string? type = null, string? name = null, int limit = 1000)
    {
        RefreshCorpus();
        var rows = _db.Query<(string Json, int Documents)>("""
            SELECT json, documents FROM corpus_entities
            WHERE (@type IS NULL OR type = @type) AND (@name IS NULL OR LOWER(json) LIKE @pattern)
            ORDER BY mentions DESC, name, id LIMIT @limit
            """, new { type, name, pattern = name is null ? null : "%" + name.ToLowerInvariant() + "%", limit });
        return [.. rows.Select(r => Row(JsonSerializer.Deserialize(r.Json, StoreJson.Default.CorpusEntity)!, r.Documents))
            .Where(r => name is null || r.Name.Contains(name, StringComparison.OrdinalIgnoreCase) || r.Aliases.Any(a => a.Contains(name, StringComparison.OrdinalIgnoreCase)))];
    }

    private static EntityRow Row(CorpusEntity e, int documents) => new(e.Id, e.Type, e.Name, e.Aliases, e.Mentions, documents);

    /// <summary>
    /// One entity by its current corpus id (E12; see <see cref="Lookup"/> for names, merged and superseded ids); null when
    /// there is none. <paramref name="visit"/> sees each document the entity occurs in (id, case file, text, the entity's
    /// ids in it) in the same pass, for callers that need more of those documents (the web app's mentions in context).
    /// Roles name their organisation as the document names it, not by the document's own entity id.
    /// </summary>
    public EntityDetail? Entity(string id, Action<string, CaseFile, string, IReadOnlySet<string>>? visit = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (CorpusEntity(id) is not { } entity)
        {
            return null;
        }

        var members = entity.Documents.ToLookup(m => m.Document, m => m.Entity);
        var roles = new List<EntityRole>();
        var documents = new List<EntityDocument>();
        var events = new List<(string?, IReadOnlyList<Event>)>();
        var claims = new List<ClaimRow>();
        foreach (var (hash, cf, text) in CaseFiles([.. members.Select(g => g.Key)]))
        {
            var ids = members[hash].ToHashSet(StringComparer.Ordinal);
            visit?.Invoke(hash, cf, text, ids);
            foreach (var local in (cf.Entities ?? []).Where(e => ids.Contains(e.Id)))
            {
                roles.AddRange((local.Roles ?? []).Select(r => r.Of is null ? r : r with { Of = Wording.RoleOf(r, cf) }));
                documents.Add(new EntityDocument(hash, cf.Document.Title, local.Id, local.Name, local.Mentions));
            }

            events.Add((cf.Document.Title ?? cf.Document.Source ?? cf.Document.Id,
                [.. (cf.Events ?? []).Where(e => e.Participants.Any(p => p.Entity is not null && ids.Contains(p.Entity)))]));
            foreach (var c in cf.Claims ?? [])
            {
                var by = c.Source.Entity is not null && ids.Contains(c.Source.Entity);
                if (by || c.About.Any(ids.Contains))
                {
                    claims.Add(new ClaimRow(hash, c.Start, c.End, Squash(text[c.Start..c.End]), c.Source.Kind, c.Source.Name, c.Certainty, by));
                }
            }
        }

        return new EntityDetail(Row(entity, members.Count), roles, documents, Casefile.Events.Timeline.Merge(events), claims);
    }

    /// <summary>Findings of the stored documents (latest versions), inconsistent first; all, or of one check.</summary>
    public IReadOnlyList<FindingRow> Findings(string? check = null, string? status = null)
    {
        var rows = _db.Query<(string Doc, string? Title, string Json)>($"""
            SELECT i.document_id, d.title, i.json FROM items i JOIN documents d ON d.id = i.document_id
            WHERE i.layer = 'findings' AND i.json IS NOT NULL AND (@check IS NULL OR i.kind = @check) AND (@status IS NULL OR i.label = @status) AND {Latest}
            ORDER BY CASE i.label WHEN 'inconsistent' THEN 0 WHEN 'unverifiable' THEN 1 ELSE 2 END, d.ingested_at, i.document_id, i.ordinal
            """, new { check, status });
        return [.. rows.Select(r => new FindingRow(r.Doc, r.Title, JsonSerializer.Deserialize(r.Json, CasefileJsonContext.Default.Finding)!))];
    }

    /// <summary>One timeline over every stored document (latest versions).</summary>
    public IReadOnlyList<TimelineEntry> CorpusTimeline()
    {
        var docs = _db.Query<(string Doc, string? Title, string? Source)>($"SELECT d.id, d.title, d.source FROM documents d WHERE {Latest} ORDER BY d.ingested_at, d.id")
            .AsList();
        var events = _db.Query<(string Doc, string Json)>("SELECT document_id, json FROM items WHERE layer = 'events' AND json IS NOT NULL ORDER BY document_id, ordinal")
            .GroupBy(r => r.Doc).ToDictionary(g => g.Key, g => (IReadOnlyList<Event>)[.. g.Select(r => JsonSerializer.Deserialize(r.Json, CasefileJsonContext.Default.Event)!)]);
        return Casefile.Events.Timeline.Merge(docs.Where(d => events.ContainsKey(d.Doc)).Select(d => ((string?)(d.Title ?? d.Source ?? d.Doc), events[d.Doc])));
    }

    /// <summary>
    /// Rebuilds corpus_entities/corpus_members with <see cref="CorpusResolver"/> over the stored documents' entities, then the
    /// stored corrections replayed over stable ids (<see cref="Regroup"/>), when documents or corrections changed since the
    /// last build (the generation in store_meta).
    /// </summary>
    public void RefreshCorpus()
    {
        var generation = _db.ExecuteScalar<string>("SELECT CAST(COUNT(*) AS TEXT) || '/' || COALESCE(MAX(ingested_at), '') FROM documents") ?? "";
        if (_db.ExecuteScalar<string?>("SELECT value FROM store_meta WHERE key = 'corpus_generation'") == generation)
        {
            return;
        }

        var docs = _db.Query<(string Id, string? Title, string? Source, int Length)>($"SELECT d.id, d.title, d.source, d.length FROM documents d WHERE {Latest} ORDER BY d.ingested_at, d.id").AsList();
        var entities = _db.Query<(string Doc, string Json)>("SELECT document_id, json FROM items WHERE layer = 'entities' AND json IS NOT NULL ORDER BY document_id, ordinal")
            .GroupBy(r => r.Doc).ToDictionary(g => g.Key, g => (IReadOnlyList<Entity>)[.. g.Select(r => JsonSerializer.Deserialize(r.Json, CasefileJsonContext.Default.Entity)!)]);
        var caseFiles = docs.Select(d => new CaseFile
        {
            Document = new DocumentInfo(d.Id, d.Title, null, "en", d.Source, d.Length),
            Sentences = [], Mentions = [], Quantities = [], Times = [], LegalRefs = [],
            Entities = entities.GetValueOrDefault(d.Id) ?? [],
        }).ToList();
        var (bySerial, byName) = ActiveCorrections();
        var resolved = CorpusResolver.Resolve(caseFiles, byName is null ? null : new ResolverOptions { Corrections = byName });
        var members = caseFiles.SelectMany(cf => (cf.Entities ?? []).Select(e => (Key: (cf.Document.Id, e.Id), Entity: e))).ToDictionary(x => x.Key, x => x.Entity);
        var corpus = Regroup(resolved, members, LatestSerials(), bySerial);

        if (ReadOnly)
        {
            // Temporary tables of the same names shadow the file's for this connection (SQLite looks in temp first).
            _db.Execute("""
                DROP TABLE IF EXISTS temp.corpus_entities; DROP TABLE IF EXISTS temp.corpus_members;
                CREATE TEMP TABLE corpus_entities AS SELECT * FROM main.corpus_entities WHERE 0;
                CREATE TEMP TABLE corpus_members AS SELECT * FROM main.corpus_members WHERE 0;
                DROP TABLE IF EXISTS temp.store_meta; CREATE TEMP TABLE store_meta AS SELECT * FROM main.store_meta;
                DELETE FROM temp.store_meta WHERE key = 'corpus_generation';
                """);
        }

        using var tx = _db.BeginTransaction();
        if (IsPostgres)
        {
            _db.Execute("SELECT pg_advisory_xact_lock(727275)", transaction: tx);
        }

        _db.Execute("DELETE FROM corpus_members; DELETE FROM corpus_entities;", transaction: tx);
        _db.Execute("INSERT INTO corpus_entities (id, type, name, mentions, documents, json) VALUES (@Id, @Type, @Name, @Mentions, @Documents, @Json)",
            corpus.Select(e => new { e.Id, e.Type, e.Name, e.Mentions, Documents = e.Documents.Select(m => m.Document).Distinct().Count(), Json = JsonSerializer.Serialize(e, StoreJson.Default.CorpusEntity) }), tx);
        _db.Execute("INSERT INTO corpus_members (corpus_id, document_id, entity_id) VALUES (@corpus, @Document, @Entity) ON CONFLICT DO NOTHING",
            corpus.SelectMany(e => e.Documents.Select(m => new { corpus = e.Id, m.Document, m.Entity })), tx);
        _db.Execute("DELETE FROM store_meta WHERE key = 'corpus_generation'", transaction: tx);
        _db.Execute("INSERT INTO store_meta (key, value) VALUES ('corpus_generation', @generation)", new { generation }, tx);
        tx.Commit();
    }

    private static string Squash(string s)
    {
        var b = new StringBuilder(s.Length);
        foreach (var part in s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            b.Append(b.Length == 0 ? "" : " ").Append(part);
        }

        return b.ToString();
    }

    /// <summary>Query results as indented JSON (snake_case, like the case file).</summary>
    public static string ToJson(IReadOnlyList<SearchResult> results) => JsonSerializer.Serialize(results, StoreJson.Default.IReadOnlyListSearchResult);

    public static string ToJson(IReadOnlyList<EntityRow> rows) => JsonSerializer.Serialize(rows, StoreJson.Default.IReadOnlyListEntityRow);

    public static string ToJson(EntityDetail detail) => JsonSerializer.Serialize(detail, StoreJson.Default.EntityDetail);

    public static string ToJson(IReadOnlyList<FindingRow> rows) => JsonSerializer.Serialize(rows, StoreJson.Default.IReadOnlyListFindingRow);

    public static string ToJson(IReadOnlyList<LogEntry> rows) => JsonSerializer.Serialize(rows, StoreJson.Default.IReadOnlyListLogEntry);
}
