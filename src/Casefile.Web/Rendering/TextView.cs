using System.Globalization;
using System.Text;
using Casefile.Model;

namespace Casefile.Web.Rendering;

/// <summary>One highlighted record of a layer: its span, layer, id (layer-index) and the hover text.</summary>
internal readonly record struct Annotation(int Start, int End, string Layer, string Id, string Title);

/// <summary>
/// The article text as HTML with every span of the highlighted layers marked. The text is cut at every boundary of a
/// highlighted span and of the spans panels point at (claims, findings' evidence, events); a piece covered by records is
/// one <c>&lt;span data-s data-a title&gt;</c> (its start offset, the ids of the records that cover it, their
/// descriptions), a piece covered by none is bare text (two bare pieces in a row are parted by an empty comment, so
/// each is its own text node). Overlapping records need no nesting, any span a panel names is an exact run of pieces,
/// and the script finds every piece's offsets by adding up the lengths of the text nodes before it. The markup per
/// record is a few dozen bytes, so the page grows with the text by a small factor (docs/web.md). All text is HTML-encoded.
/// </summary>
internal sealed class TextView
{
    /// <summary>The highlighted layers in display order: id prefix (and CSS name) and label.</summary>
    public static readonly IReadOnlyList<(string Layer, string Label)> Layers =
    [
        ("per", "People"), ("org", "Organisations"), ("loc", "Places"), ("misc", "Other names"),
        ("money", "Money"), ("quantity", "Other numbers"), ("date", "Dates"), ("legal", "Legal references"),
    ];

    public IReadOnlyList<Annotation> Annotations { get; }

    public string Html { get; }

    /// <summary>How many records of each layer are highlighted.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; }

    public TextView(CaseFile cf, string text, IReadOnlyDictionary<string, string>? entityNames = null)
    {
        ArgumentNullException.ThrowIfNull(cf);
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<Annotation>();
        for (var i = 0; i < cf.Mentions.Count; i++)
        {
            var m = cf.Mentions[i];
            var layer = m.Type switch { "PER" => "per", "ORG" => "org", "LOC" => "loc", _ => "misc" };
            var title = new StringBuilder().Append(m.Type);
            if (m.Kind is not null)
            {
                title.Append(" (").Append(m.Kind.Replace('_', ' ')).Append(')');
            }

            if (m.Entity is not null)
            {
                title.Append(" → ").Append(entityNames?.GetValueOrDefault(m.Entity) ?? m.Entity);
                if (m.Link is { } link)
                {
                    title.Append(CultureInfo.InvariantCulture, $" (rule {link.Rule} {link.Score:0.##}{(link.Note is null ? "" : "; " + link.Note)})");
                }
            }

            title.Append(CultureInfo.InvariantCulture, $", confidence {m.Confidence:0.00}");
            Add(list, m.Start, m.End, layer, $"{layer}-{i}", title.ToString(), text.Length);
        }

        for (var i = 0; i < cf.Quantities.Count; i++)
        {
            var q = cf.Quantities[i];
            var layer = q.Kind == QuantityKinds.Money ? "money" : "quantity";
            var value = q.Value is { } v ? v.ToString("#,0.##", CultureInfo.InvariantCulture) : "?";
            var unit = q.Iso ?? q.Unit;
            var mods = string.Join(", ", new[] { q.Approximate ? "approximate" : null, q.AtLeast ? "at least" : null, q.AtMost ? "at most" : null }.OfType<string>());
            Add(list, q.Start, q.End, layer, $"{layer}-{i}", $"{q.Kind} {value}{(unit is null ? "" : " " + unit)}{(mods.Length == 0 ? "" : " (" + mods + ")")}", text.Length);
        }

        for (var i = 0; i < cf.Times.Count; i++)
        {
            var t = cf.Times[i];
            Add(list, t.Start, t.End, "date", $"date-{i}", t.Value is null ? $"date, unresolved ({t.Granularity})" : $"date {Wording.Date(t.Value, t.Mod)} ({t.Granularity})", text.Length);
        }

        for (var i = 0; i < cf.LegalRefs.Count; i++)
        {
            var r = cf.LegalRefs[i];
            var where = string.Join(", ", new[] { r.Part is null ? null : "part " + r.Part, r.Paragraph is null ? null : "paragraph " + r.Paragraph }.OfType<string>());
            Add(list, r.Start, r.End, "legal", $"legal-{i}",
                $"legal {r.Unit} {r.Article}{(where.Length == 0 ? "" : " " + where)}{(r.Code is null ? "" : " of the " + r.Code)}{(r.Jurisdiction is null ? "" : " (" + r.Jurisdiction + ")")}", text.Length);
        }

        Annotations = list;
        Counts = Layers.ToDictionary(l => l.Layer, l => list.Count(a => a.Layer == l.Layer), StringComparer.Ordinal);

        // Boundaries: every highlighted span, and every span a panel can point at.
        var cuts = new SortedSet<int> { 0, text.Length };
        foreach (var a in list)
        {
            cuts.Add(a.Start);
            cuts.Add(a.End);
        }

        foreach (var (s, e) in PanelSpans(cf))
        {
            cuts.Add(Math.Clamp(s, 0, text.Length));
            cuts.Add(Math.Clamp(e, 0, text.Length));
        }

        Html = Render(text, [.. cuts], [.. list.OrderBy(a => a.Start).ThenByDescending(a => a.End)]);
    }

    private static void Add(List<Annotation> list, int start, int end, string layer, string id, string title, int length)
    {
        if (start >= 0 && end <= length && start < end)
        {
            list.Add(new Annotation(start, end, layer, id, title));
        }
    }

    /// <summary>Spans the side panels point at: claims, findings' evidence, events and their evidence, roles' evidence.</summary>
    private static IEnumerable<(int Start, int End)> PanelSpans(CaseFile cf)
    {
        foreach (var c in cf.Claims ?? [])
        {
            yield return (c.Start, c.End);
        }

        foreach (var f in cf.Findings ?? [])
        {
            foreach (var e in f.Evidence)
            {
                yield return (e.Start, e.End);
            }
        }

        foreach (var ev in cf.Events ?? [])
        {
            yield return (ev.Start, ev.End);
            foreach (var e in ev.Evidence)
            {
                yield return (e.Start, e.End);
            }
        }

        foreach (var role in (cf.Entities ?? []).SelectMany(e => e.Roles ?? []))
        {
            foreach (var e in role.Evidence)
            {
                yield return (e.Start, e.End);
            }
        }
    }

    private static string Render(string text, int[] cuts, Annotation[] sorted)
    {
        var h = new StringBuilder(text.Length * 3);
        var active = new List<Annotation>();
        var next = 0;
        var bare = false;
        for (var i = 0; i + 1 < cuts.Length; i++)
        {
            int s = cuts[i], e = cuts[i + 1];
            active.RemoveAll(a => a.End <= s);
            while (next < sorted.Length && sorted[next].Start <= s)
            {
                if (sorted[next].End > s)
                {
                    active.Add(sorted[next]);
                }

                next++;
            }

            if (active.Count == 0)
            {
                if (bare)
                {
                    h.Append("<!---->");
                }

                Encode(h, text, s, e);
                bare = true;
                continue;
            }

            bare = false;
            h.Append(CultureInfo.InvariantCulture, $"<span data-s=\"{s}\" data-a=\"").AppendJoin(' ', active.Select(a => a.Id)).Append("\" title=\"");
            for (var k = 0; k < active.Count; k++)
            {
                if (k > 0)
                {
                    h.Append('\n');
                }

                Encode(h, active[k].Title, 0, active[k].Title.Length);
            }

            h.Append("\">");
            Encode(h, text, s, e);
            h.Append("</span>");
        }

        return h.ToString();
    }

    /// <summary>
    /// Appends text[start..end) HTML-encoded: &amp; &lt; &gt; " ' as Razor does, and a carriage return as &amp;#13; (the
    /// parser would turn a bare CR LF into LF, and the page's text must be the stored text character for character).
    /// </summary>
    private static void Encode(StringBuilder h, string text, int start, int end)
    {
        var from = start;
        for (var i = start; i < end; i++)
        {
            var entity = text[i] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#x27;", '\r' => "&#13;", _ => null };
            if (entity is not null)
            {
                h.Append(text, from, i - from).Append(entity);
                from = i + 1;
            }
        }

        h.Append(text, from, end - from);
    }

    /// <summary>A <c>data-spans</c> attribute value: "start-end" pairs separated by spaces.</summary>
    public static string Spans(IEnumerable<(int Start, int End)> spans) =>
        string.Join(' ', spans.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Start}-{s.End}")));
}
