using Casefile.Pipeline;
using Casefile.Resolution;
using Casefile.Store;
using Casefile.Web.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Casefile.Web.Pages;

/// <summary>A mention of the entity in one document, with its context (HTML, encoded) and the rule that linked it.</summary>
public sealed record MentionContext(string Document, string? Title, string Html, string? Rule, string? Note);

/// <summary>
/// One entity across the corpus, by its stable id: aliases with the rules that joined them, its documents (each can be
/// split off), roles, mentions in context, events, claims (paged); merge with another entity of its type and undo a
/// correction that touches it. An id merged into another redirects there; a superseded one is 410; a name leads to the
/// entity that has it, or lists the several that do. Corrections carry the fingerprint of what the page showed, so one
/// made on a stale page is refused (CF2810) instead of joining entities the user never saw.
/// </summary>
public sealed class EntityModel(CaseStore store) : PageModel
{
    /// <summary>Mentions shown at most (the count says how many there are).</summary>
    public const int MaxMentions = 300;

    /// <summary>Claims per page.</summary>
    public const int ClaimsPerPage = 100;

    /// <summary>Events shown at most.</summary>
    public const int MaxEvents = 300;

    public EntityDetail Detail { get; private set; } = null!;

    public CorpusEntity Corpus { get; private set; } = null!;

    public IReadOnlyList<MentionContext> Mentions { get; private set; } = [];

    public int MentionTotal { get; private set; }

    /// <summary>Each spelling and the rules (within documents and across them) that joined it to the entity.</summary>
    public IReadOnlyList<(string Alias, IReadOnlyList<string> Rules)> Aliases { get; private set; } = [];

    /// <summary>The documents' entities that make up this one, each with its serial (what a split names).</summary>
    public IReadOnlyList<EntityMemberRow> Members { get; private set; } = [];

    /// <summary>Entities of the same type to merge with, and the fingerprint of each as this page shows it.</summary>
    public IReadOnlyList<(EntityRow Row, string Seen)> Candidates { get; private set; } = [];

    public IReadOnlyList<CorrectionRow> Corrections { get; private set; } = [];

    /// <summary>This entity's fingerprint when the page was made (sent back with every correction).</summary>
    public string Seen { get; private set; } = "";

    /// <summary>The claims page shown (1-based) and how many pages there are.</summary>
    public int ClaimsPage { get; private set; } = 1;

    public int ClaimPages { get; private set; } = 1;

    /// <summary>Several entities have the name asked for: they are listed instead.</summary>
    public IReadOnlyList<EntityRow>? Ambiguous { get; private set; }

    /// <summary>Set when the id no longer exists (410), with why.</summary>
    public string? Gone { get; private set; }

    /// <summary>A refused correction: its code and what to do (the page is shown again with the HTTP status).</summary>
    public (string Code, string Message)? Refused { get; private set; }

    public string Key { get; private set; } = "";

    [TempData]
    public string? Message { get; set; }

    public IActionResult OnGet(string id, int? claims)
    {
        Key = id;
        var found = store.Lookup(id);
        switch (found.Kind)
        {
            case EntityLookupKind.Moved:
                return Redirect("/entities/" + Uri.EscapeDataString(found.Id!) + Request.QueryString);
            case EntityLookupKind.Ambiguous:
                Ambiguous = found.Candidates;
                return Page();
            case EntityLookupKind.Gone:
                Gone = found.Message;
                Response.StatusCode = StatusCodes.Status410Gone;
                return Page();
            case EntityLookupKind.NotFound:
                return NotFound();
        }

        return Load(found.Id!, claims ?? 1) ? Page() : NotFound();
    }

    private bool Load(string id, int claimsPage)
    {
        var rules = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Rule(string alias, string rule)
        {
            if (!rules.TryGetValue(alias, out var set))
            {
                rules[alias] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.Add(rule);
        }

        // Mentions in context are gathered in the store's one pass over the entity's documents.
        var mentions = new List<MentionContext>();
        var detail = store.Entity(id, (doc, cf, text, local) =>
        {
            foreach (var m in cf.Mentions.Where(m => m.Entity is not null && local.Contains(m.Entity)))
            {
                MentionTotal++;
                Rule(m.Text, m.Link is null ? "named" : m.Link.Rule);
                if (mentions.Count < MaxMentions)
                {
                    mentions.Add(new MentionContext(doc, cf.Document.Title, Highlight.Context(text, m.Start, m.End), m.Link?.Rule, m.Link?.Note));
                }
            }
        });
        if (detail is null || store.CorpusEntity(id) is not { } corpus)
        {
            return false;
        }

        Key = id;
        Detail = detail;
        Corpus = corpus;
        foreach (var member in corpus.Documents.Where(m => m.Link is not null))
        {
            Rule(member.Name, $"across documents: {member.Link!.Rule} ({member.Link.Score:0.##}){(member.Link.Note is null ? "" : ": " + member.Link.Note)}");
        }

        Mentions = mentions;
        Aliases = [.. corpus.Aliases.Select(a => (a, (IReadOnlyList<string>)[.. rules.GetValueOrDefault(a) ?? []]))];
        Members = store.Members(id);
        var seen = store.Fingerprints();
        Seen = seen.GetValueOrDefault(id) ?? "";
        Candidates = [.. store.Entities(type: corpus.Type, limit: 500).Where(e => e.Id != corpus.Id).OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .Select(e => (e, seen.GetValueOrDefault(e.Id) ?? ""))];
        Corrections = store.CorrectionsOf(id);
        ClaimPages = Math.Max(1, (detail.Claims.Count + ClaimsPerPage - 1) / ClaimsPerPage);
        ClaimsPage = Math.Clamp(claimsPage, 1, ClaimPages);
        return true;
    }

    /// <summary>The claims on the page shown.</summary>
    public IEnumerable<ClaimRow> PageOfClaims => Detail.Claims.Skip((ClaimsPage - 1) * ClaimsPerPage).Take(ClaimsPerPage);

    /// <summary>Merge another entity into this one; <paramref name="other"/> is "id:fingerprint" as the page offered it.</summary>
    public IActionResult OnPostMerge(string id, string? other, string? seen, string? by) => Correct(id, () =>
    {
        var (otherId, otherSeen) = (other ?? "").Split(':') is [var o, var f] ? (o, f) : (other ?? "", null);
        var (into, merged) = store.Merge(id, otherId, Author(by), seen ?? "", otherSeen ?? "");
        Message = $"Merged {merged.Id} “{merged.Name}” into {into.Id} “{into.Name}”.";
        return into.Id;
    });

    /// <summary>Split one document's entity off this one.</summary>
    public IActionResult OnPostSplit(string id, long member, string? seen, string? by) => Correct(id, () =>
    {
        id = store.ResolveId(id);
        var rest = store.Members(id).Where(m => m.Serial != member).Select(m => m.Serial).ToList();
        var (from, m) = store.Split(id, member, Author(by), seen ?? "");
        var now = store.Lookup(CaseStore.EntityId(member)).Id;
        Message = $"Split “{m.Name}” ({m.Title ?? m.Document[..12]}) off “{from.Name}”; it is {now} now.";
        return rest.Count == 0 ? from.Id : store.Lookup(CaseStore.EntityId(rest[0])).Id ?? from.Id;
    });

    /// <summary>Undo a correction that touches this entity (kept in the store, marked undone).</summary>
    public IActionResult OnPostUndo(string id, long correction, string? by) => Correct(id, () =>
    {
        var row = store.Undo(correction, id, Author(by));
        Message = $"Correction {correction} ({row.Action} {string.Join(" + ", row.Names)}) undone.";
        return store.Lookup(id).Id ?? row.Entity ?? id;
    });

    /// <summary>Runs a correction and goes to the entity it leaves; a refused one shows this page again with its code and status.</summary>
    private IActionResult Correct(string id, Func<string> correction)
    {
        try
        {
            return Redirect("/entities/" + Uri.EscapeDataString(correction()));
        }
        catch (CasefileException e)
        {
            Message = null;
            Response.StatusCode = e.Code switch
            {
                StoreErrors.NotFound or StoreErrors.NoSuchCorrection => StatusCodes.Status404NotFound,
                StoreErrors.EntityGone => StatusCodes.Status410Gone,
                StoreErrors.EntityChanged or StoreErrors.UndoneAlready or StoreErrors.CorrectionElsewhere or StoreErrors.AmbiguousName => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            };
            Refused = (e.Code, e.Message);
            var current = store.Lookup(id);
            if (current.Kind is EntityLookupKind.Found or EntityLookupKind.Moved && Load(current.Id!, 1))
            {
                return Page();
            }

            Gone = e.Message;
            return Page();
        }
    }

    private string Author(string? by) =>
        string.IsNullOrWhiteSpace(by) ? $"web ({HttpContext.Connection.RemoteIpAddress})" : by.Trim() is var name && name.Length > 80 ? name[..80] : name;
}
