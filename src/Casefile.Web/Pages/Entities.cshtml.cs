using Casefile.Store;
using Casefile.Web.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Casefile.Web.Pages;

/// <summary>The corpus entities, most mentioned first: filter by type and by name (or spelling), with counts, paged.</summary>
public sealed class EntitiesModel(CaseStore store) : PageModel
{
    /// <summary>Entities per page.</summary>
    public const int PerPage = 50;

    public string? Type { get; private set; }

    public string? Name { get; private set; }

    public EntityPage Entities { get; private set; } = new([], 0, 0, PerPage, new Dictionary<string, int>());

    public Pager Pager { get; private set; } = new("/entities", [], 1, PerPage, 0);

    public void OnGet(string? type, string? name)
    {
        Type = string.IsNullOrWhiteSpace(type) ? null : type.Trim();
        Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        var requested = Pager.Requested(Request.Query["page"]); // "page" is Razor Pages' own route value: read from the query string
        Entities = store.EntitiesPage(Type, Name, PerPage, (requested - 1) * PerPage);
        Pager = new Pager("/entities", [new("type", Type), new("name", Name)], requested, PerPage, Entities.Total);
        if (Pager.Offset != Entities.Offset)
        {
            Entities = store.EntitiesPage(Type, Name, PerPage, Pager.Offset);
        }
    }
}
