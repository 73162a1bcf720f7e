using System.Globalization;
using System.Text;
using Casefile.Model;

namespace Casefile.Output;

/// <summary>A readable summary of a case file for the terminal.</summary>
public static class TextReport
{
    /// <param name="cf">The case file.</param>
    /// <param name="text">The document text, for quoting claims; without it claims show their offsets.</param>
    public static string Render(CaseFile cf, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(cf);
        var sb = new StringBuilder();
        var d = cf.Document;
        sb.Append(CultureInfo.InvariantCulture, $"# {d.Title ?? "(untitled)"}\n");
        sb.Append(CultureInfo.InvariantCulture, $"source: {d.Source ?? "-"}   published: {d.Published ?? "unknown (relative dates unresolved)"}   length: {d.Length:N0} chars   sentences: {cf.Sentences.Count}\n");
        foreach (var w in cf.Warnings ?? [])
        {
            sb.Append(CultureInfo.InvariantCulture, $"warning {w.Code}: {w.Message}\n");
        }

        if (cf.Entities is { Count: > 0 } entities)
        {
            Entities(sb, cf, entities);
        }
        else
        {
            Section(sb, "People", cf.Mentions.Where(m => m.Type == "PER"), m => Confidence(m));
            Section(sb, "Organisations", cf.Mentions.Where(m => m.Type == "ORG"), m => Confidence(m));
            Section(sb, "Places", cf.Mentions.Where(m => m.Type == "LOC"), m => Confidence(m));
        }

        Section(sb, "Money", cf.Quantities.Where(q => q.Kind == QuantityKinds.Money), q => $"{Flags(q)}{Num(q.Value)} {q.Unit}");
        Section(sb, "Counts and percents", cf.Quantities.Where(q => q.Kind is QuantityKinds.Count or QuantityKinds.Percent),
            q => $"{Flags(q)}{Num(q.Value)}{(q.Kind == QuantityKinds.Percent ? "%" : q.Unit is null ? "" : " " + q.Unit)}");
        Section(sb, "Durations", cf.Quantities.Where(q => q.Kind == QuantityKinds.Duration), q => $"{Flags(q)}{q.Iso ?? q.Unit}");
        Section(sb, "Ages", cf.Quantities.Where(q => q.Kind == QuantityKinds.Age), q => $"{Num(q.Value)} years");
        Section(sb, "Dates and periods", cf.Times,
            t => $"{t.Value ?? "(unresolved)"} [{t.Granularity}{(t.Mod is null ? "" : ", " + t.Mod)}{(t.Anchor is null ? "" : ", from " + t.Anchor)}]");
        Section(sb, "Legal references", cf.LegalRefs, l => Legal(l));
        if (cf.Claims is { Count: > 0 } claims)
        {
            Claims(sb, claims, text);
        }

        if (cf.Findings is { Count: > 0 } findings)
        {
            // Inconsistencies first, then what could not be verified, then what was verified.
            sb.Append(CultureInfo.InvariantCulture, $"\n## Findings ({findings.Count(f => f.Status == "inconsistent")} inconsistent, {findings.Count(f => f.Status == "unverifiable")} unverifiable, {findings.Count(f => f.Status == "consistent")} consistent)\n");
            foreach (var f in findings)
            {
                var mark = f.Status switch { "inconsistent" => "✗", "unverifiable" => "?", _ => "✓" };
                sb.Append(CultureInfo.InvariantCulture, $"  {mark} {f.Check,-17} {f.Message}\n");
                foreach (var fact in f.Facts ?? [])
                {
                    sb.Append(CultureInfo.InvariantCulture, $"      fact: {fact.Statement} ({fact.Source})\n");
                }
            }
        }

        if (cf.Timeline is { Count: > 0 } timeline)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## Timeline ({timeline.Count} events)\n");
            foreach (var e in timeline)
            {
                var when = e.Time is null ? "undated" : e.Mod is null ? e.Time : $"{e.Time} ({e.Mod})";
                sb.Append(CultureInfo.InvariantCulture, $"  {e.Event,-4} {when,-17} {e.Granularity ?? "",-7} {e.Summary}\n");
            }
        }

        return sb.ToString();
    }

    private static void Section<T>(StringBuilder sb, string title, IEnumerable<T> items, Func<T, string> describe) where T : ISpanned
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"\n## {title} ({list.Count})\n");
        foreach (var item in list)
        {
            var text = item switch
            {
                Quantity q => q.Text,
                TimeExpression t => t.Text,
                LegalRef l => l.Text,
                Mention m => m.Text,
                _ => "",
            };
            sb.Append(CultureInfo.InvariantCulture, $"  {item.Start,6}  {Quote(text),-44} → {describe(item)}\n");
        }
    }

    /// <summary>Each entity with its aliases, roles and why its mentions were linked ("Masimov" surname 0.90 ×12).</summary>
    private static void Entities(StringBuilder sb, CaseFile cf, IReadOnlyList<Entity> entities)
    {
        var inv = CultureInfo.InvariantCulture;
        var names = entities.ToDictionary(e => e.Id, e => e.Name);
        sb.Append(inv, $"\n## Entities ({entities.Count})\n");
        foreach (var e in entities)
        {
            sb.Append(inv, $"  {e.Id,-4} {e.Type}  {e.Name}  ({e.Mentions} mention{(e.Mentions == 1 ? "" : "s")})\n");
            if (e.Aliases.Count > 1)
            {
                sb.Append(inv, $"       aliases: {string.Join(", ", e.Aliases)}\n");
            }

            foreach (var r in e.Roles ?? [])
            {
                var of = r.Of is { } id ? $" of {names.GetValueOrDefault(id, id)} ({id})" : "";
                var when = r.From is null && r.To is null ? "" : $", {r.From ?? "?"} → {r.To ?? "?"}";
                sb.Append(inv, $"       role: {r.Role}{of}{(r.Status is null ? "" : ", " + r.Status)}{when}\n");
            }

            foreach (var (k, v) in e.Identifiers ?? new Dictionary<string, string>())
            {
                sb.Append(inv, $"       {k}: {v}\n");
            }

            var links = cf.Mentions.Where(m => m.Entity == e.Id && m.Link is not null)
                .GroupBy(m => (m.Text, m.Link!.Rule, m.Link.Score))
                .Select(g => $"\"{g.Key.Text}\" {g.Key.Rule} {g.Key.Score.ToString("0.00", inv)}{(g.Count() > 1 ? " ×" + g.Count() : "")}")
                .ToList();
            if (links.Count > 0)
            {
                sb.Append(inv, $"       linked: {string.Join("; ", links)}\n");
            }
        }
    }

    /// <summary>A table: claim, source kind (and name, and whom it cites), certainty (and the word that says so), check-worthiness.</summary>
    private static void Claims(StringBuilder sb, IReadOnlyList<Claim> claims, string? text)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"\n## Claims ({claims.Count})\n");
        sb.Append(inv, $"  {"claim",-58}  {"source",-44}  {"certainty",-24}  check\n");
        foreach (var c in claims)
        {
            var quoted = text is null ? $"[{c.Start}, {c.End})" : Shorten(text[c.Start..c.End].ReplaceLineEndings(" "), 58);
            var s = c.Source;
            var source = s.Kind + (s.Name is null ? "" : $" \"{Shorten(s.Name, 24)}\"") + (s.Via is { } v ? $" via {v.Kind}" : "")
                + (c.Carried == true ? " (continued)" : "") + (c.NoComment == true ? " (no comment)" : "");
            var cue = c.CertaintyCue is { } k && text is not null ? $" \"{Shorten(text[k.Start..k.End], 14)}\"" : "";
            sb.Append(inv, $"  {quoted,-58}  {Shorten(source, 44),-44}  {c.Certainty + cue,-24}  {c.Checkworthy:0.00}\n");
        }
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string Confidence(Mention m) => m.Type + " " + m.Confidence.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Quote(string s) => "\"" + (s.Length > 40 ? s[..39] + "…" : s) + "\"";

    private static string Flags(Quantity q) => q.Approximate ? "≈" : q.AtLeast ? "≥" : q.AtMost ? "≤" : "";

    private static string Num(double? v) => v is { } x ? x.ToString("#,0.###", CultureInfo.InvariantCulture) : "?";

    private static string Legal(LegalRef l)
    {
        var parts = new List<string> { $"{l.Unit} {l.Article}" };
        if (l.Part is not null)
        {
            parts.Add($"part {l.Part}");
        }

        if (l.Paragraph is not null)
        {
            parts.Add($"paragraph {l.Paragraph}");
        }

        if (l.Code is not null)
        {
            parts.Add(l.Code + (l.Jurisdiction is null ? "" : $" ({l.Jurisdiction})"));
        }

        if (l.Title is not null)
        {
            parts.Add($"“{l.Title}”");
        }

        return string.Join(", ", parts);
    }
}
