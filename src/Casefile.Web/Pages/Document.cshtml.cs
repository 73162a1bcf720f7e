using Casefile.Export;
using Casefile.Model;
using Casefile.Store;
using Casefile.Web.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Casefile.Web.Pages;

/// <summary>One document read as a case file: highlighted text, entities, claims, findings, timeline.</summary>
public sealed class DocumentModel(CaseStore store) : PageModel
{
    public DocumentRow Row { get; private set; } = null!;

    public CaseFile CaseFile { get; private set; } = null!;

    public string Text { get; private set; } = "";

    internal TextView View { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> CorpusIds { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<Finding> Findings { get; private set; } = [];

    /// <summary>The timeline's one-line summary of each event, by event id.</summary>
    public IReadOnlyDictionary<string, string> Summaries { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<ReportEvent> Events { get; private set; } = [];

    public string TimelineSvg { get; private set; } = "";

    public IReadOnlyList<(string Id, int Version, string IngestedAt)> Versions { get; private set; } = [];

    public IActionResult OnGet(string id)
    {
        if (store.Document(id) is not { } d)
        {
            return NotFound();
        }

        (Row, CaseFile, Text) = d;
        var names = (CaseFile.Entities ?? []).ToDictionary(e => e.Id, e => e.Name, StringComparer.Ordinal);
        View = new TextView(CaseFile, Text, names);
        CorpusIds = store.CorpusIds(id);
        Findings = CaseFile.Findings ?? []; // the checker writes the layer inconsistencies first (ConsistencyChecker.Ordered)
        Summaries = (CaseFile.Timeline ?? []).ToDictionary(t => t.Event, t => t.Summary, StringComparer.Ordinal);
        Events = ReportModel.TimelineOf(new ExportDocument(CaseFile, Text), Row.Title ?? Row.DocKey);
        TimelineSvg = HtmlReport.TimelineSvg(Events);
        Versions = store.Versions(Row.DocKey);
        return Page();
    }

    /// <summary>The text of a span, whitespace squashed, shortened to <paramref name="max"/> characters.</summary>
    public string Quote(int start, int end, int max = 220)
    {
        start = Math.Clamp(start, 0, Text.Length);
        end = Math.Clamp(end, start, Text.Length);
        var s = string.Join(' ', Text[start..end].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return s.Length <= max ? s : s[..(max - 1)] + "…";
    }

    /// <summary>Mention spans of a document entity, for the panel's data-spans.</summary>
    public string MentionSpans(string entity) => TextView.Spans(CaseFile.Mentions.Where(m => m.Entity == entity).Select(m => (m.Start, m.End)));
}
