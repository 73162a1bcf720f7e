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

    /// <summary>The events in time order (<see cref="Timeline.Of"/>, as the report and the timeline SVG order them), undated ones last in text order.</summary>
    public IReadOnlyList<Event> OrderedEvents { get; private set; } = [];

    /// <summary>Rows per page of the findings, entities, claims and timeline panels: a long document's page stays small.</summary>
    public const int PageSize = 100;

    /// <summary>The page shown of each panel, from the query (<c>?claims=2</c>); 1 when absent or out of range.</summary>
    public IReadOnlyDictionary<string, int> Pages { get; private set; } = new Dictionary<string, int>();

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
        var events = (CaseFile.Events ?? []).ToDictionary(e => e.Id, StringComparer.Ordinal);
        OrderedEvents = [.. Casefile.Events.Timeline.Of(CaseFile.Events ?? []).Select(t => events[t.Event])];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["findings"] = Findings.Count, ["entities"] = (CaseFile.Entities ?? []).Count, ["claims"] = (CaseFile.Claims ?? []).Count, ["events"] = OrderedEvents.Count,
        };
        Pages = counts.ToDictionary(c => c.Key, c => int.TryParse(Request.Query[c.Key], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p)
            && p >= 1 && (p - 1) * PageSize < c.Value ? p : 1, StringComparer.Ordinal);
        return Page();
    }

    /// <summary>The rows of a panel on its current page.</summary>
    public IEnumerable<T> OnPage<T>(string panel, IEnumerable<T> rows) => rows.Skip((Pages[panel] - 1) * PageSize).Take(PageSize);

    /// <summary>The link to another page of a panel, keeping the pages of the other panels.</summary>
    public string PageLink(string panel, int page)
    {
        var query = string.Join("&", Pages.Select(p => p.Key == panel ? (p.Key, Page: page) : (p.Key, Page: p.Value)).Where(p => p.Page > 1)
            .Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Key}={p.Page}")));
        return $"/documents/{Row.Id}{(query.Length == 0 ? "" : "?" + query)}#{(panel == "events" ? "timeline" : panel)}";
    }

    /// <summary>The summary of an event without the "(unverified)" that <see cref="Casefile.Events.Timeline.Summary"/> appends: the table shows a badge.</summary>
    public string SummaryOf(Event e)
    {
        var summary = Summaries.GetValueOrDefault(e.Id) ?? Casefile.Events.Timeline.Summary(e);
        const string suffix = " (unverified)";
        return e.Unverified == true && summary.EndsWith(suffix, StringComparison.Ordinal) ? summary[..^suffix.Length] : summary;
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
