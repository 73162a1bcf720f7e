using Casefile.Store;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Casefile.Web.Pages;

/// <summary>The corpus: documents with their counts, full-text search, filters by entity and by check.</summary>
public sealed class IndexModel(CaseStore store) : PageModel
{
    /// <summary>The checks a document can be filtered by (the check framework's names).</summary>
    public static readonly IReadOnlyList<string> Checks =
        ["fx-conversion", "arithmetic", "age-at-date", "age-at-release", "date-order", "name-variants", "cross-document", "unsupported-claim"];

    public string? Query { get; private set; }

    public string? EntityFilter { get; private set; }

    public string? EntityFilterName { get; private set; }

    public string? CheckFilter { get; private set; }

    public IReadOnlyList<SearchResult>? Results { get; private set; }

    public DocumentPage Documents { get; private set; } = new([], 0);

    public IReadOnlyList<EntityRow> TopEntities { get; private set; } = [];

    public void OnGet(string? q, string? entity, string? check)
    {
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        EntityFilter = string.IsNullOrWhiteSpace(entity) ? null : entity;
        CheckFilter = check is not null && Checks.Contains(check) ? check : null;
        if (Query is not null)
        {
            Results = store.Search(Query, 50);
        }

        Documents = store.Documents(EntityFilter, CheckFilter);
        TopEntities = store.Entities(limit: 40);
        EntityFilterName = EntityFilter is null ? null : TopEntities.FirstOrDefault(e => e.Id == EntityFilter)?.Name ?? store.CorpusEntity(EntityFilter)?.Name ?? EntityFilter;
    }
}
