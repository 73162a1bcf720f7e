using System.Globalization;
using System.Text;

namespace Casefile.Export;

/// <summary>The case-file report as Markdown (CommonMark with GitHub tables), the same sections as the HTML report, for pasting into a story draft.</summary>
public static class MarkdownReport
{
    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var m = new StringBuilder(8_192);
        m.Append("# ").Append(Inline(model.Title)).Append("\n\n");
        Heading(m, "summary");
        foreach (var line in model.Summary)
        {
            m.Append("- ").Append(Inline(line)).Append('\n');
        }

        m.Append('\n');
        Table(m, ["Document", "Published", "Source"], model.Documents.Select(d => new[] { d.Title, d.Published, d.Source }));

        Heading(m, "people");
        m.Append("### People\n\n");
        Parties(m, model.People);
        m.Append("### Organisations\n\n");
        Parties(m, model.Organisations);

        Heading(m, "places");
        Parties(m, model.Places);

        Heading(m, "timeline");
        Table(m, ["When", "Event", "Said by", "Document", "Evidence"], model.Timeline.Select(t => new[]
        {
            t.Time ?? "undated", t.Summary, t.Source, t.Document, "“" + t.Quote + "”",
        }));

        Heading(m, "money");
        Table(m, ["Sum", "Value", "Currency", "Converted in the text", "FX check"], model.Money.Select(x => new[]
        {
            x.Text, x.Value?.ToString("#,0.##", CultureInfo.InvariantCulture), x.Currency, x.Conversion, x.Check,
        }));

        Heading(m, "legal");
        Table(m, ["Reference", "Article", "Code", "Jurisdiction", "Context"], model.Legal.Select(l => new[] { l.Text, l.Article, l.Code, l.Jurisdiction, l.Context }));

        Heading(m, "claims");
        if (model.Claims.Count == 0)
        {
            m.Append("_None._\n\n");
        }

        foreach (var (kind, claims) in model.Claims)
        {
            m.Append("### ").Append(Inline(kind.Replace('_', ' '))).Append(CultureInfo.InvariantCulture, $" ({claims.Count})\n\n");
            foreach (var c in claims)
            {
                m.Append("- “").Append(Inline(c.Quote)).Append("” — ").Append(Inline(c.Source ?? "no source named")).Append("; ")
                    .Append(c.Certainty).Append(c.Cue is null ? "" : $" (“{Inline(c.Cue)}”)")
                    .Append(CultureInfo.InvariantCulture, $"; check-worthy {c.Checkworthy:0.00}\n");
            }

            m.Append('\n');
        }

        Heading(m, "findings");
        if (model.Findings.Count == 0)
        {
            m.Append("_None._\n\n");
        }

        foreach (var f in model.Findings)
        {
            m.Append("- **").Append(f.Status).Append("** · ").Append(Inline(f.Check)).Append(" · ").Append(f.Severity).Append(" · ")
                .Append(Inline(f.Document)).Append(": ").Append(Inline(f.Message)).Append('\n');
            foreach (var quote in f.Evidence)
            {
                m.Append("  > ").Append(Inline(quote)).Append('\n');
            }
        }

        m.Append("\n---\n_Made by Casefile from the text alone; every line points back to the words quoted. Machine extraction: check what matters against the sources._\n");
        return m.ToString();
    }

    private static void Heading(StringBuilder m, string id) =>
        m.Append("## ").Append(ReportModel.Sections.First(s => s.Id == id).Heading).Append("\n\n");

    private static void Parties(StringBuilder m, IReadOnlyList<ReportParty> parties) =>
        Table(m, ["Name", "Also written", "Roles", "Mentions", "Documents"], parties.Select(p => new[]
        {
            p.Name, string.Join("; ", p.Aliases), string.Join("; ", p.Roles), p.Mentions.ToString(CultureInfo.InvariantCulture), p.Documents.ToString(CultureInfo.InvariantCulture),
        }));

    private static void Table(StringBuilder m, string[] headers, IEnumerable<string?[]> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            m.Append("_None._\n\n");
            return;
        }

        m.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n|").Append(string.Concat(headers.Select(_ => "---|"))).Append('\n');
        foreach (var row in list)
        {
            m.Append("| ").Append(string.Join(" | ", row.Select(c => Cell(c ?? "")))).Append(" |\n");
        }

        m.Append('\n');
    }

    /// <summary>Text in a table cell: pipes escaped, line breaks as spaces.</summary>
    internal static string Cell(string s) => Inline(s).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Text inline: Markdown's active characters escaped so names and quotes print as written.</summary>
    internal static string Inline(string s)
    {
        var b = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            if (c is '\r' or '\n')
            {
                b.Append(' ');
                continue;
            }

            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#')
            {
                b.Append('\\');
            }

            b.Append(c);
        }

        return b.ToString();
    }
}
