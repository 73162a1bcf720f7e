using System.Text.RegularExpressions;
using Dapper;

namespace Casefile.Store;

/// <summary>A sentence that matches a search, with the matched words between « and ».</summary>
public sealed record SearchSentence(int Start, int End, string Highlighted);

/// <summary>A document that matches a search and its matching sentences.</summary>
public sealed record SearchResult(string Document, string? Title, string? Source, IReadOnlyList<SearchSentence> Sentences);

public sealed partial class CaseStore
{
    /// <summary>
    /// Full-text search over sentences (latest versions): FTS5 in SQLite, <c>websearch_to_tsquery</c> in PostgreSQL.
    /// Words must all occur; "quoted words" are a phrase. Documents ranked by their best sentence.
    /// </summary>
    public IReadOnlyList<SearchResult> Search(string query, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(query);
        IEnumerable<(string Doc, string? Title, string? Source, int Start, int End, string Hl)> rows;
        if (IsPostgres)
        {
            rows = _db.Query<(string, string?, string?, int, int, string)>($"""
                SELECT s.document_id, d.title, d.source, s.span_start, s.span_end,
                       ts_headline('english', s.text, q, 'StartSel=«, StopSel=», HighlightAll=true')
                FROM sentences s JOIN documents d ON d.id = s.document_id, websearch_to_tsquery('english', @query) q
                WHERE s.tsv @@ q AND {Latest}
                ORDER BY ts_rank(s.tsv, q) DESC, s.document_id, s.ordinal LIMIT @n
                """, new { query, n = limit * 5 });
        }
        else
        {
            var match = FtsQuery(query);
            if (match.Length == 0)
            {
                return [];
            }

            rows = _db.Query<(string, string?, string?, int, int, string)>($"""
                SELECT s.document_id, d.title, d.source, s.span_start, s.span_end, highlight(sentences, 0, '«', '»')
                FROM sentences s JOIN documents d ON d.id = s.document_id
                WHERE sentences MATCH @match AND {Latest}
                ORDER BY rank, s.document_id, s.ordinal LIMIT @n
                """, new { match, n = limit * 5 });
        }

        return [.. rows.GroupBy(r => r.Doc).Take(limit)
            .Select(g => new SearchResult(g.Key, g.First().Title, g.First().Source, [.. g.OrderBy(r => r.Start).Select(r => new SearchSentence(r.Start, r.End, r.Hl))]))];
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
}
