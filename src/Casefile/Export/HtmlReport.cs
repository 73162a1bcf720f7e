using System.Globalization;
using System.Net;
using System.Text;

namespace Casefile.Export;

/// <summary>
/// The case-file report as one self-contained HTML file: inline CSS (screen and print), the timeline as inline
/// SVG, no scripts, no fonts, images or links that a browser would fetch.
/// </summary>
public static class HtmlReport
{
    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var h = new StringBuilder(16_384);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"generator\" content=\"Casefile\">\n")
            .Append("<title>").Append(E(model.Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<header><h1>").Append(E(model.Title)).Append("</h1>\n<nav>");
        foreach (var (id, heading) in ReportModel.Sections)
        {
            h.Append("<a href=\"#").Append(id).Append("\">").Append(E(heading)).Append("</a> ");
        }

        h.Append("</nav></header>\n<main>\n");

        Open(h, "summary");
        h.Append("<ul class=\"summary\">");
        foreach (var line in model.Summary)
        {
            h.Append("<li>").Append(E(line)).Append("</li>");
        }

        h.Append("</ul>\n<table><thead><tr><th>Document</th><th>Published</th><th>Source</th><th>Id</th></tr></thead><tbody>");
        foreach (var (title, published, source, id) in model.Documents)
        {
            Row(h, title, published, source, id.Length > 23 ? id[..23] + "…" : id);
        }

        h.Append("</tbody></table>\n");
        Close(h);

        Open(h, "people");
        Parties(h, "People", model.People);
        Parties(h, "Organisations", model.Organisations);
        Close(h);

        Open(h, "places");
        Parties(h, null, model.Places);
        Close(h);

        Open(h, "timeline");
        h.Append(TimelineSvg(model.Timeline));
        Table(h, ["When", "Event", "Said by", "Document", "Evidence"], model.Timeline.Select(t => new[]
        {
            t.Time ?? "undated", t.Summary, t.Source, t.Document, "“" + t.Quote + "”",
        }));
        Close(h);

        Open(h, "money");
        Table(h, ["Sum", "Value", "Currency", "Converted in the text", "FX check", "Context"], model.Money.Select(m => new[]
        {
            m.Text, m.Value?.ToString("#,0.##", CultureInfo.InvariantCulture), m.Currency, m.Conversion, m.Check, m.Context,
        }));
        Close(h);

        Open(h, "legal");
        Table(h, ["Reference", "Article", "Code", "Jurisdiction", "Context"], model.Legal.Select(l => new[] { l.Text, l.Article, l.Code, l.Jurisdiction, l.Context }));
        Close(h);

        Open(h, "claims");
        if (model.Claims.Count == 0)
        {
            h.Append("<p class=\"none\">None.</p>\n");
        }

        foreach (var (kind, claims) in model.Claims)
        {
            h.Append("<h3>").Append(E(kind.Replace('_', ' '))).Append(" <small>(").Append(claims.Count).Append(")</small></h3>\n");
            Table(h, ["Claim", "Source", "Certainty", "Check-worthy"], claims.Select(c => new[]
            {
                "“" + c.Quote + "”", c.Source, c.Cue is null ? c.Certainty : $"{c.Certainty} (“{c.Cue}”)", c.Checkworthy.ToString("0.00", CultureInfo.InvariantCulture),
            }), cssClass: "claims");
        }

        Close(h);

        Open(h, "findings");
        if (model.Findings.Count == 0)
        {
            h.Append("<p class=\"none\">None.</p>\n");
        }

        foreach (var f in model.Findings)
        {
            h.Append("<div class=\"finding ").Append(E(f.Status)).Append("\"><p><strong>").Append(E(f.Status)).Append("</strong> · ")
                .Append(E(f.Check)).Append(" · ").Append(E(f.Severity)).Append(" · <span class=\"doc\">").Append(E(f.Document)).Append("</span></p><p>")
                .Append(E(f.Message)).Append("</p>");
            foreach (var quote in f.Evidence)
            {
                h.Append("<blockquote>").Append(E(quote)).Append("</blockquote>");
            }

            h.Append("</div>\n");
        }

        Close(h);
        h.Append("</main>\n<footer>Made by Casefile from the text alone; every line points back to the words quoted. ")
            .Append("Machine extraction: check what matters against the sources.</footer>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void Open(StringBuilder h, string id)
    {
        var heading = ReportModel.Sections.First(s => s.Id == id).Heading;
        h.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(E(heading)).Append("</h2>\n");
    }

    private static void Close(StringBuilder h) => h.Append("</section>\n");

    private static void Parties(StringBuilder h, string? heading, IReadOnlyList<ReportParty> parties)
    {
        if (heading is not null)
        {
            h.Append("<h3>").Append(E(heading)).Append("</h3>\n");
        }

        Table(h, ["Name", "Also written", "Roles", "Mentions", "Documents"], parties.Select(p => new[]
        {
            p.Name, string.Join("; ", p.Aliases), string.Join("; ", p.Roles), p.Mentions.ToString(CultureInfo.InvariantCulture), p.Documents.ToString(CultureInfo.InvariantCulture),
        }));
    }

    private static void Table(StringBuilder h, string[] headers, IEnumerable<string?[]> rows, string? cssClass = null)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            h.Append("<p class=\"none\">None.</p>\n");
            return;
        }

        h.Append(cssClass is null ? "<table>" : $"<table class=\"{cssClass}\">").Append("<thead><tr>");
        foreach (var header in headers)
        {
            h.Append("<th>").Append(E(header)).Append("</th>");
        }

        h.Append("</tr></thead><tbody>");
        foreach (var row in list)
        {
            Row(h, row);
        }

        h.Append("</tbody></table>\n");
    }

    private static void Row(StringBuilder h, params string?[] cells)
    {
        h.Append("<tr>");
        foreach (var c in cells)
        {
            h.Append("<td>").Append(E(c ?? "")).Append("</td>");
        }

        h.Append("</tr>");
    }

    /// <summary>
    /// Dated events on a time axis: a dot for a day, a bar for a month, a year or a period, one row per event with
    /// its summary; undated events are listed in the table only.
    /// </summary>
    public static string TimelineSvg(IReadOnlyList<ReportEvent> events)
    {
        var all = events.Where(e => e.From is not null).ToList();
        if (all.Count == 0)
        {
            return "<p class=\"none\">No dated events to draw.</p>\n";
        }

        var dated = all.Take(MaxDrawn).ToList();
        var more = all.Count > MaxDrawn ? $"<p class=\"none\">The first {MaxDrawn} of {all.Count} dated events are drawn; the table lists them all.</p>\n" : "";

        const int width = 960, left = 300, right = 20, rowHeight = 22, top = 34;
        var min = dated.Min(e => e.From!.Value);
        var max = dated.Max(e => e.To ?? e.From!.Value);
        min = new DateOnly(min.Year, 1, 1);
        max = new DateOnly(max.Year, 12, 31);
        var span = Math.Max(1, max.DayNumber - min.DayNumber);
        double X(DateOnly d) => left + ((double)(d.DayNumber - min.DayNumber) / span * (width - left - right));
        var height = top + (dated.Count * rowHeight) + 10;
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"Timeline of {dated.Count} dated events\">");
        var step = Math.Max(1, (max.Year - min.Year + 1) / 12);
        for (var y = min.Year; y <= max.Year; y += step)
        {
            var x = X(new DateOnly(y, 1, 1));
            s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{top - 8}\" x2=\"{x:0.#}\" y2=\"{height - 6}\" class=\"grid\"/>");
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 3:0.#}\" y=\"{top - 14}\" class=\"year\">{y}</text>");
        }

        for (var i = 0; i < dated.Count; i++)
        {
            var e = dated[i];
            var y = top + (i * rowHeight) + (rowHeight / 2);
            var x1 = X(e.From!.Value);
            var x2 = X(e.To ?? e.From!.Value);
            var label = e.Summary.Length > 46 ? e.Summary[..45] + "…" : e.Summary;
            s.Append(CultureInfo.InvariantCulture, $"<g class=\"ev {E(e.Type)}\"><title>{E(e.Time ?? "")}: {E(e.Summary)} ({E(e.Document)})</title>");
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + 4}\" text-anchor=\"end\" class=\"label\">{E(label)}</text>");
            if (x2 - x1 < 4)
            {
                s.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x1:0.#}\" cy=\"{y}\" r=\"5\"/>");
            }
            else
            {
                s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x1:0.#}\" y=\"{y - 5}\" width=\"{x2 - x1:0.#}\" height=\"10\" rx=\"3\"/>");
            }

            s.Append("</g>");
        }

        s.Append("</svg>\n");
        return s.Append(more).ToString();
    }

    /// <summary>Rows the timeline drawing holds at most (a corpus can have thousands of dated events).</summary>
    internal const int MaxDrawn = 200;

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    private const string Css = """
        :root { --ink: #1d232a; --muted: #5b6570; --rule: #d5dbe1; --accent: #1f5f99; --bad: #a4262c; --warn: #8a6100; --ok: #2e7d32; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
        header h1 { font-size: 1.6rem; margin: 0 0 .4rem; }
        nav a { color: var(--accent); margin-right: .8rem; text-decoration: none; font-size: .9rem; }
        section { margin: 1.6rem 0; }
        h2 { font-size: 1.25rem; border-bottom: 2px solid var(--rule); padding-bottom: .2rem; }
        h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; text-transform: capitalize; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4rem 0 1rem; }
        th, td { border-bottom: 1px solid var(--rule); padding: .3rem .45rem; text-align: left; vertical-align: top; }
        th { background: #f2f5f8; font-weight: 600; }
        .none { color: var(--muted); font-style: italic; }
        .summary li { margin: .15rem 0; }
        .finding { border-left: 4px solid var(--rule); padding: .2rem .8rem; margin: .6rem 0; }
        .finding.inconsistent { border-color: var(--bad); } .finding.inconsistent strong { color: var(--bad); }
        .finding.unverifiable { border-color: var(--warn); } .finding.unverifiable strong { color: var(--warn); }
        .finding.consistent { border-color: var(--ok); } .finding.consistent strong { color: var(--ok); }
        .finding p { margin: .25rem 0; } .doc { color: var(--muted); }
        blockquote { margin: .3rem 0 .3rem 1rem; color: var(--muted); font-style: italic; }
        svg.timeline { margin: .5rem 0 1rem; font: 12px system-ui, sans-serif; }
        svg .grid { stroke: var(--rule); } svg .year { fill: var(--muted); } svg .label { fill: var(--ink); }
        svg .ev circle, svg .ev rect { fill: var(--accent); }
        svg .ev.detention circle, svg .ev.detention rect, svg .ev.sentence circle, svg .ev.sentence rect, svg .ev.conviction circle { fill: var(--bad); }
        svg .ev.tenure rect, svg .ev.appointment circle { fill: var(--ok); }
        footer { color: var(--muted); font-size: .8rem; border-top: 1px solid var(--rule); padding-top: .6rem; margin-top: 2rem; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          nav { display: none; }
          section { break-inside: auto; }
          h2, h3 { break-after: avoid; }
          tr, .finding, svg.timeline { break-inside: avoid; }
          th { background: none; }
          a { color: inherit; }
        }

        """;
}
