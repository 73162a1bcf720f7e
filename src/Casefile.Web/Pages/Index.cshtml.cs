using Casefile.Store;
using Casefile.Web.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Casefile.Web.Pages;

/// <summary>
/// The corpus: documents with their counts, or (with <c>q</c>) the documents a full-text search finds, ranked; both
/// filtered by entity and by check (all filters combine), with the number of documents per filter option, paged.
/// </summary>
public sealed class IndexModel(CaseStore store) : PageModel
{
    /// <summary>The checks a document can be filtered by (the check framework's names).</summary>
    public static readonly IReadOnlyList<string> Checks =
        ["fx-conversion", "arithmetic", "age-at-date", "age-at-release", "date-order", "name-variants", "cross-document", "unsupported-claim"];

    /// <summary>Documents per page of the list.</summary>
    public const int DocumentsPerPage = 50;

    /// <summary>Documents per page of search results.</summary>
    public const int ResultsPerPage = 20;

    /// <summary>Matching sentences shown per document found (the rest are counted).</summary>
    public const int SentencesPerResult = 3;

    /// <summary>Entities offered in the entity filter (the most mentioned; a chosen one is added when it is not among them).</summary>
    public const int EntityOptions = 40;

    public string? Query { get; private set; }

    public string? EntityFilter { get; private set; }

    public string? EntityFilterName { get; private set; }

    public string? CheckFilter { get; private set; }

    public SearchPage? Results { get; private set; }

    public DocumentPage Documents { get; private set; } = new([], 0);

    public IReadOnlyList<EntityRow> TopEntities { get; private set; } = [];

    public FilterCounts Counts { get; private set; } = new(new Dictionary<string, int>(), new Dictionary<string, int>());

    public Pager Pager { get; private set; } = new("/", [], 1, DocumentsPerPage, 0);

    /// <summary>The store holds no document at all (not: nothing matches the filters).</summary>
    public bool StoreEmpty { get; private set; }

    public bool Filtered => EntityFilter is not null || CheckFilter is not null;

    /// <summary>The corpus page with the search kept and the filters cleared (or everything cleared when there is no search).</summary>
    public string ClearFilters => Query is null ? "/" : "/?q=" + Uri.EscapeDataString(Query);

    public void OnGet(string? q, string? entity, string? check)
    {
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        EntityFilter = string.IsNullOrWhiteSpace(entity) ? null : entity;
        if (EntityFilter is not null && store.Lookup(EntityFilter) is { Kind: EntityLookupKind.Found or EntityLookupKind.Moved } found)
        {
            EntityFilter = found.Id; // a merged id (a bookmark from before a merge) filters by the entity it is part of now
        }
        CheckFilter = check is not null && Checks.Contains(check) ? check : null;
        var requested = Pager.Requested(Request.Query["page"]); // "page" is Razor Pages' own route value: read from the query string
        KeyValuePair<string, string?>[] parameters = [new("q", Query), new("entity", EntityFilter), new("check", CheckFilter)];
        if (Query is not null)
        {
            var size = ResultsPerPage;
            Results = store.Search(Query, size, (requested - 1) * size, EntityFilter, CheckFilter, SentencesPerResult);
            Pager = new Pager("/", parameters, requested, size, Results.Total);
            if (Pager.Offset != Results.Offset)
            {
                Results = store.Search(Query, size, Pager.Offset, EntityFilter, CheckFilter, SentencesPerResult); // past the last page: the last page
            }
        }
        else
        {
            var size = DocumentsPerPage;
            Documents = store.Documents(EntityFilter, CheckFilter, size, (requested - 1) * size);
            Pager = new Pager("/", parameters, requested, size, Documents.Total);
            if (Pager.Offset != Documents.Offset)
            {
                Documents = store.Documents(EntityFilter, CheckFilter, size, Pager.Offset);
            }
        }

        var total = Query is null ? Documents.Total : Results!.Total;
        StoreEmpty = total == 0 && !store.HasDocuments();
        var top = store.Entities(limit: EntityOptions).ToList();
        var chosen = EntityFilter is null ? null : top.FirstOrDefault(e => e.Id == EntityFilter);
        if (EntityFilter is not null && chosen is null && store.CorpusEntity(EntityFilter) is { } other)
        {
            chosen = new EntityRow(other.Id, other.Type, other.Name, other.Aliases, other.Mentions, other.Documents.Select(m => m.Document).Distinct().Count());
            top.Insert(0, chosen);
        }

        EntityFilterName = EntityFilter is null ? null : chosen?.Name ?? EntityFilter;
        TopEntities = top;
        Counts = StoreEmpty ? Counts : store.FilterCounts([.. top.Select(e => e.Id)], Query, EntityFilter, CheckFilter);
    }
}
