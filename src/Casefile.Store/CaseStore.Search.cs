using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Dapper;

namespace Casefile.Store;

/// <summary>A half-open UTF-16 range <c>[start, end)</c> of a document's text.</summary>
public sealed record TextRange(int Start, int End);

/// <summary>
/// A sentence that matches a search: its span and text, and the ranges of the words that matched (offsets in the
/// document's text, like every span; empty when the back-end's highlighter could not be aligned with the text).
/// </summary>
public sealed record SearchSentence(int Start, int End, string Text, IReadOnlyList<TextRange> Matches);

/// <summary>
/// A document that matches a search: its best matching sentences (in text order, at most the number asked for) and
/// how many of its sentences match in all (<see cref="MatchingSentences"/> − <c>Sentences.Count</c> are not shown).
/// </summary>
public sealed record SearchResult(string Document, string? Title, string? Source, string? Published, int MatchingSentences, IReadOnlyList<SearchSentence> Sentences);

/// <summary>A page of the documents that match a search (and the filters), ranked, and how many match in all.</summary>
public sealed record SearchPage(string Query, int Total, int Offset, int Limit, IReadOnlyList<SearchResult> Results);

/// <summary>How many documents each filter option would give, with the other filters (and the search) as they are.</summary>
public sealed record FilterCounts(IReadOnlyDictionary<string, int> Entities, IReadOnlyDictionary<string, int> Checks);

public sealed partial class CaseStore
{
    /// <summary>Markers the back-ends put around matched words: private-use characters, stripped again into ranges.</summary>
    private const char MatchOpen = '\uE000', MatchClose = '\uE001';

    /// <summary>
    /// Full-text search over sentences (latest versions): FTS5 in SQLite, <c>websearch_to_tsquery</c> in PostgreSQL.
    /// Words must all occur in one sentence; "quoted words" are a phrase. Pages by <b>documents</b>: every document with
    /// a matching sentence (and, when given, the corpus entity <paramref name="entity"/> and a finding of
    /// <paramref name="check"/>) is ranked by its best sentence (then by how many sentences match, then by id, so the
    /// order is stable); the page holds <paramref name="limit"/> of them from <paramref name="offset"/>, each with its
    /// best <paramref name="sentences"/> sentences and their matched ranges, and <see cref="SearchPage.Total"/> counts them all.
    /// </summary>
    public SearchPage Search(string query, int limit = 20, int offset = 0, string? entity = null, string? check = null, int sentences = 3)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(sentences);
        var match = FtsQuery(query);
        if (!IsPostgres && match.Length == 0)
        {
            return new SearchPage(query, 0, offset, limit, []);
        }

        var (filter, args) = Filter(null, entity, check);
        args.Add("query", query);
        args.Add("match", match);
        args.Add("limit", limit);
        args.Add("offset", offset);
        // Per document: the best sentence's score (higher is better on both back-ends) and how many sentences match.
        var ranked = IsPostgres
            ? """
              SELECT s.document_id AS doc, CAST(MAX(ts_rank(s.tsv, q)) AS double precision) AS best, CAST(COUNT(*) AS integer) AS n
              FROM sentences s, websearch_to_tsquery('english', @query) q WHERE s.tsv @@ q GROUP BY s.document_id
              """
            : "SELECT document_id AS doc, -MIN(rank) AS best, COUNT(*) AS n FROM sentences WHERE sentences MATCH @match GROUP BY document_id";
        var from = $"FROM ({ranked}) m JOIN documents d ON d.id = m.doc WHERE {Latest} {filter}";
        var total = _db.ExecuteScalar<int>($"SELECT COUNT(*) {from}", args);
        var docs = _db.Query<(string Id, string? Title, string? Source, string? Published, int N)>(
            $"SELECT d.id, d.title, d.source, d.published, m.n {from} ORDER BY m.best DESC, m.n DESC, d.id LIMIT @limit OFFSET @offset", args).AsList();
        if (docs.Count == 0 || sentences == 0)
        {
            return new SearchPage(query, total, offset, limit,
                [.. docs.Select(d => new SearchResult(d.Id, d.Title, d.Source, d.Published, d.N, []))]);
        }

        var ids = docs.Select(d => d.Id).ToArray();
        var rows = IsPostgres
            ? _db.Query<(string Doc, int Start, int End, string Text, string Marked, double Score)>($"""
                SELECT s.document_id, s.span_start, s.span_end, s.text,
                       ts_headline('english', s.text, q, 'StartSel={MatchOpen}, StopSel={MatchClose}, HighlightAll=true'), CAST(ts_rank(s.tsv, q) AS double precision)
                FROM sentences s, websearch_to_tsquery('english', @query) q
                WHERE s.tsv @@ q AND s.document_id = ANY(@ids)
                """, new { query, ids })
            : _db.Query<(string Doc, int Start, int End, string Text, string Marked, double Score)>("""
                SELECT document_id, span_start, span_end, text, highlight(sentences, 0, @open, @close), -rank
                FROM sentences WHERE sentences MATCH @match AND document_id IN @ids
                """, new { match, ids, open = MatchOpen.ToString(), close = MatchClose.ToString() });
        var byDoc = rows.ToLookup(r => r.Doc, StringComparer.Ordinal);
        return new SearchPage(query, total, offset, limit, [.. docs.Select(d => new SearchResult(d.Id, d.Title, d.Source, d.Published, d.N,
            [.. byDoc[d.Id].OrderByDescending(r => r.Score).ThenBy(r => r.Start).Take(sentences).OrderBy(r => r.Start)
                .Select(r => new SearchSentence(r.Start, r.End, r.Text, Ranges(r.Marked, r.Text, r.Start, r.End)))]))]);
    }

    /// <summary>
    /// The matched ranges (offsets in the document's text) of a sentence the back-end marked with <see cref="MatchOpen"/>
    /// and <see cref="MatchClose"/>: the markers are removed and what is left must be the sentence exactly, at its span;
    /// otherwise (the text itself holds a marker character, or PostgreSQL dropped a NUL) no range is given rather than a wrong one.
    /// </summary>
    internal static IReadOnlyList<TextRange> Ranges(string marked, string text, int start, int end)
    {
        var ranges = new List<TextRange>();
        var plain = new StringBuilder(text.Length);
        var open = -1;
        foreach (var ch in marked)
        {
            if (ch == MatchOpen && open < 0)
            {
                open = plain.Length;
            }
            else if (ch == MatchClose && open >= 0)
            {
                if (plain.Length > open)
                {
                    // Marks apart by nothing but white space (PostgreSQL marks a phrase's words one by one) join into one range.
                    if (ranges.Count > 0 && IsBlank(plain, ranges[^1].End - start, open))
                    {
                        ranges[^1] = ranges[^1] with { End = start + plain.Length };
                    }
                    else
                    {
                        ranges.Add(new TextRange(start + open, start + plain.Length));
                    }
                }

                open = -1;
            }
            else
            {
                plain.Append(ch);
            }
        }

        return open < 0 && end - start == text.Length && plain.Equals(text.AsSpan()) ? ranges : [];

        static bool IsBlank(StringBuilder b, int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (!char.IsWhiteSpace(b[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The conditions (after <c>WHERE {Latest}</c> on documents <c>d</c>) of the corpus filters that combine (AND): a search,
    /// a corpus entity, a check (cross-document: the documents in a cross-document finding, <see cref="CrossDocumentFindings"/>).
    /// </summary>
    private (string Sql, DynamicParameters Args) Filter(string? query, string? entity, string? check)
    {
        var sql = new StringBuilder();
        var args = new DynamicParameters();
        if (query is not null)
        {
            if (IsPostgres)
            {
                sql.Append(" AND d.id IN (SELECT s.document_id FROM sentences s WHERE s.tsv @@ websearch_to_tsquery('english', @fquery))");
                args.Add("fquery", query);
            }
            else
            {
                // A query of nothing but punctuation matches nothing.
                var match = FtsQuery(query);
                sql.Append(match.Length == 0 ? " AND 1 = 0" : " AND d.id IN (SELECT document_id FROM sentences WHERE sentences MATCH @fmatch)");
                args.Add("fmatch", match);
            }
        }

        if (entity is not null)
        {
            RefreshCorpus();
            sql.Append(" AND d.id IN (SELECT document_id FROM corpus_members WHERE corpus_id = @fentity)");
            args.Add("fentity", entity);
        }

        if (check is not null)
        {
            sql.Append(" AND (EXISTS (SELECT 1 FROM items f WHERE f.layer = 'findings' AND f.kind = @fcheck AND f.json IS NOT NULL AND f.document_id = d.id)");
            if (check == CrossDocumentCheck)
            {
                // SQLite: one JSON parameter, not one parameter per document (SQLite allows 32,766).
                sql.Append(IsPostgres ? " OR d.id = ANY(@fcross)" : " OR d.id IN (SELECT value FROM json_each(@fcross))");
                args.Add("fcross", IsPostgres ? CrossDocumentMembers().ToArray() : JsonSerializer.Serialize(CrossDocumentMembers().ToList(), SearchJson.Default.ListString));
            }

            sql.Append(')');
            args.Add("fcheck", check);
        }

        return (sql.ToString(), args);
    }

    /// <summary>
    /// For each of <paramref name="entities"/> and each check: how many documents (latest versions) the corpus would list
    /// with that option chosen and the search and the other filter as they are (facet counts for the corpus page).
    /// The entity ids come from <see cref="Entities(string?, string?, int)"/>, which has rebuilt the corpus table when it was stale.
    /// </summary>
    public FilterCounts FilterCounts(IReadOnlyCollection<string> entities, string? query = null, string? entity = null, string? check = null)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var (withoutEntity, a) = Filter(query, null, check);
        var entityCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (entities.Count > 0)
        {
            a.Add("ents", entities.ToArray());
            foreach (var (id, n) in _db.Query<(string, int)>($"""
                SELECT m.corpus_id, COUNT(DISTINCT m.document_id) FROM corpus_members m JOIN documents d ON d.id = m.document_id
                WHERE m.corpus_id {(IsPostgres ? "= ANY(@ents)" : "IN @ents")} AND {Latest} {withoutEntity} GROUP BY m.corpus_id
                """, a))
            {
                entityCounts[id] = n;
            }
        }

        var (withoutCheck, b) = Filter(query, entity, null);
        var checkCounts = _db.Query<(string, int)>($"""
            SELECT f.kind, COUNT(DISTINCT f.document_id) FROM items f JOIN documents d ON d.id = f.document_id
            WHERE f.layer = 'findings' AND f.json IS NOT NULL AND {Latest} {withoutCheck} GROUP BY f.kind
            """, b).ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);
        var cross = CrossDocumentMembers();
        if (cross.Count > 0)
        {
            b.Add("cross", IsPostgres ? cross.ToArray() : JsonSerializer.Serialize(cross.ToList(), SearchJson.Default.ListString));
            checkCounts[CrossDocumentCheck] = _db.ExecuteScalar<int>($"""
                SELECT COUNT(*) FROM documents d WHERE {Latest} {withoutCheck}
                  AND (d.id {(IsPostgres ? "= ANY(@cross)" : "IN (SELECT value FROM json_each(@cross))")}
                       OR EXISTS (SELECT 1 FROM items f WHERE f.layer = 'findings' AND f.kind = '{CrossDocumentCheck}' AND f.json IS NOT NULL AND f.document_id = d.id))
                """, b);
        }

        return new FilterCounts(entityCounts, checkCounts);
    }

    /// <summary>A user's query as FTS5 syntax that cannot fail to parse: each word and each "quoted phrase" becomes a quoted string.</summary>
    internal static string FtsQuery(string query)
    {
        var parts = SearchTerms().Matches(query).Select(m => m.Groups["p"].Success ? m.Groups["p"].Value : m.Value)
            .Select(t => new string([.. t.Where(ch => char.IsLetterOrDigit(ch) || ch is ' ' or '-' or '\'')]).Trim())
            .Where(t => t.Length > 0)
            .Select(t => "\"" + t.Replace("\"", "", StringComparison.Ordinal) + "\"");
        return string.Join(' ', parts);
    }

    [GeneratedRegex("\"(?<p>[^\"]+)\"|[^\\s\"]+", RegexOptions.CultureInvariant)]
    private static partial Regex SearchTerms();

    /// <summary>A search page as indented JSON (snake_case, like the case file).</summary>
    public static string ToJson(SearchPage page) => JsonSerializer.Serialize(page, SearchJson.Default.SearchPage);
}

/// <summary>JSON of the search, paging and cross-document results (source-generated, the options of the store's other JSON).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(SearchPage))]
[JsonSerializable(typeof(EntityPage))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<CrossDocumentFinding>))]
internal sealed partial class SearchJson : JsonSerializerContext;
