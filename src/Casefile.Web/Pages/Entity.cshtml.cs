using Casefile.Resolution;
using Casefile.Store;
using Casefile.Web.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Casefile.Web.Pages;

/// <summary>A mention of the entity in one document, with its context (HTML, encoded) and the rule that linked it.</summary>
public sealed record MentionContext(string Document, string? Title, string Html, string? Rule, string? Note);

/// <summary>
/// One entity across the corpus: aliases with the rules that joined them, roles, every mention in context, events,
/// claims; merge with another entity, split an alias off, undo a correction (all stored as user corrections).
/// </summary>
public sealed class EntityModel(CaseStore store) : PageModel
{
    /// <summary>Mentions shown at most (the count says how many there are).</summary>
    public const int MaxMentions = 300;

    public EntityDetail Detail { get; private set; } = null!;

    public CorpusEntity Corpus { get; private set; } = null!;

    public IReadOnlyList<MentionContext> Mentions { get; private set; } = [];

    public int MentionTotal { get; private set; }

    /// <summary>Each spelling and the rules (within documents and across them) that joined it to the entity.</summary>
    public IReadOnlyList<(string Alias, IReadOnlyList<string> Rules)> Aliases { get; private set; } = [];

    public IReadOnlyList<EntityRow> Candidates { get; private set; } = [];

    public IReadOnlyList<CorrectionRow> Corrections { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public IActionResult OnGet(string id)
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
        if (detail is null || store.CorpusEntity(detail.Entity.Id) is not { } corpus)
        {
            return NotFound();
        }

        Detail = detail;
        Corpus = corpus;
        foreach (var member in corpus.Documents.Where(m => m.Link is not null))
        {
            Rule(member.Name, $"across documents: {member.Link!.Rule} ({member.Link.Score:0.##}){(member.Link.Note is null ? "" : ": " + member.Link.Note)}");
        }

        Mentions = mentions;
        Aliases = [.. corpus.Aliases.Select(a => (a, (IReadOnlyList<string>)[.. rules.GetValueOrDefault(a) ?? []]))];
        Candidates = [.. store.Entities(type: corpus.Type, limit: 500).Where(e => e.Id != corpus.Id).OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)];
        var names = corpus.Aliases.Append(corpus.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Corrections = [.. store.Corrections().Where(c => c.Names.Any(names.Contains) || (c.From is not null && names.Contains(c.From)))];
        return Page();
    }

    /// <summary>Merge another entity into this one: a merge correction naming both.</summary>
    public IActionResult OnPostMerge(string id, string other, string? by)
    {
        var self = store.CorpusEntity(id);
        var with = store.CorpusEntity(other ?? "");
        if (self is null || with is null)
        {
            return NotFound();
        }

        store.AddCorrection("merge", [self.Name, with.Name], null, Author(by));
        Message = $"Merged “{with.Name}” into “{self.Name}”.";
        return ToEntity(self.Name);
    }

    /// <summary>Split one spelling off this entity: a split correction.</summary>
    public IActionResult OnPostSplit(string id, string alias, string? by)
    {
        var self = store.CorpusEntity(id);
        if (self is null || string.IsNullOrEmpty(alias) || !self.Aliases.Contains(alias, StringComparer.Ordinal) || alias == self.Name)
        {
            return NotFound();
        }

        store.AddCorrection("split", [alias], self.Name, Author(by));
        Message = $"Split “{alias}” off “{self.Name}”.";
        return ToEntity(self.Name);
    }

    /// <summary>Undo a correction (kept in the store, marked undone).</summary>
    public IActionResult OnPostUndo(string id, long correction, string? by)
    {
        var self = store.CorpusEntity(id);
        var name = self?.Name ?? id;
        Message = store.UndoCorrection(correction, Author(by)) ? $"Correction {correction} undone." : $"Correction {correction} was undone already.";
        return ToEntity(name);
    }

    private RedirectResult ToEntity(string name) => Redirect("/entities/" + Uri.EscapeDataString(name));

    private string Author(string? by) =>
        string.IsNullOrWhiteSpace(by) ? $"web ({HttpContext.Connection.RemoteIpAddress})" : by.Trim() is var name && name.Length > 80 ? name[..80] : name;
}
