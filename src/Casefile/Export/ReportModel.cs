using System.Globalization;
using Casefile.Model;
using Casefile.Resolution;

namespace Casefile.Export;

/// <summary>A person, organisation or place in the report.</summary>
public sealed record ReportParty(string Name, IReadOnlyList<string> Aliases, IReadOnlyList<string> Roles, int Mentions, int Documents);

/// <summary>One timeline line: when (as the text allows), what, where it is said.</summary>
public sealed record ReportEvent(string Type, string? Time, DateOnly? From, DateOnly? To, string Summary, string Quote, string Document, string Source, bool Unverified);

/// <summary>A sum of money with what the text converts it to and what the fx check said.</summary>
public sealed record ReportMoney(string Text, double? Value, string? Currency, string? Conversion, string? Check, string Context, string Document);

/// <summary>A legal reference and the events that cite it.</summary>
public sealed record ReportLegal(string Text, string Article, string? Code, string? Jurisdiction, string Context, string Document);

/// <summary>A claim in the report.</summary>
public sealed record ReportClaim(string Quote, string? Source, string Certainty, string? Cue, double Checkworthy, string Document);

/// <summary>A finding with its evidence quoted.</summary>
public sealed record ReportFinding(string Check, string Status, string Severity, string Message, IReadOnlyList<string> Evidence, string Document);

/// <summary>
/// The content of a case-file report, built once and rendered as HTML or Markdown, so both have the same
/// sections: summary, people and organisations, places, timeline, money, legal references, claims by source
/// kind, findings.
/// </summary>
public sealed record ReportModel
{
    public required string Title { get; init; }
    public required IReadOnlyList<string> Summary { get; init; }
    public required IReadOnlyList<(string Title, string? Published, string? Source, string Id)> Documents { get; init; }
    public required IReadOnlyList<ReportParty> People { get; init; }
    public required IReadOnlyList<ReportParty> Organisations { get; init; }
    public required IReadOnlyList<ReportParty> Places { get; init; }
    public required IReadOnlyList<ReportEvent> Timeline { get; init; }
    public required IReadOnlyList<ReportMoney> Money { get; init; }
    public required IReadOnlyList<ReportLegal> Legal { get; init; }
    public required IReadOnlyList<(string Kind, IReadOnlyList<ReportClaim> Claims)> Claims { get; init; }
    public required IReadOnlyList<ReportFinding> Findings { get; init; }

    /// <summary>The sections in order: id (for the HTML anchors) and heading.</summary>
    public static readonly IReadOnlyList<(string Id, string Heading)> Sections =
    [
        ("summary", "Summary"), ("people", "People and organisations"), ("places", "Places"), ("timeline", "Timeline"),
        ("money", "Money"), ("legal", "Legal references"), ("claims", "Claims by source"), ("findings", "Findings"),
    ];

    public static ReportModel Build(ExportSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var docs = set.Documents;
        var sources = SourceNames.Of(set); // never an absolute path of the machine that analysed them
        string? Source(ExportDocument d) => sources[d.CaseFile.Document.Id];
        string Label(ExportDocument d) => d.CaseFile.Document.Title ?? Source(d) ?? d.CaseFile.Document.Id[..Math.Min(19, d.CaseFile.Document.Id.Length)];
        var title = docs.Count == 1 ? $"Case file: {Label(docs[0])}" : $"Case file: {docs.Count} documents";

        var timeline = new List<ReportEvent>();
        var money = new List<ReportMoney>();
        var legal = new List<ReportLegal>();
        var claims = new List<(string Kind, ReportClaim Claim)>();
        var findings = new List<ReportFinding>();
        foreach (var d in docs)
        {
            var cf = d.CaseFile;
            var label = Label(d);
            timeline.AddRange(Events(d, label));

            var fx = (cf.Findings ?? []).Where(f => f.Check == "fx-conversion").ToList();
            var monies = cf.Quantities.Where(q => q.Kind == QuantityKinds.Money).ToList();
            for (var i = 0; i < monies.Count; i++)
            {
                var q = monies[i];
                var next = i + 1 < monies.Count ? monies[i + 1] : null;
                if (i > 0 && IsConversion(d.Text, monies[i - 1], q))
                {
                    continue; // shown with the sum it converts
                }

                var conversion = next is not null && IsConversion(d.Text, q, next) ? next.Text : null;
                var check = fx.FirstOrDefault(f => f.Evidence.Any(s => s.Start < q.End && q.Start < s.End));
                money.Add(new ReportMoney(q.Text, q.Value, q.Unit, conversion, check is null ? null : $"{check.Status}: {check.Message}", Sentence(d, q.Start), label));
            }

            legal.AddRange(cf.LegalRefs.Select(l => new ReportLegal(l.Text, l.Article, l.Code, l.Jurisdiction, Sentence(d, l.Start), label)));
            foreach (var c in cf.Claims ?? [])
            {
                var source = c.Source.Name is null ? null : c.Source.Via is { } via ? $"{c.Source.Name}, citing {via.Name ?? via.Kind}" : c.Source.Name;
                claims.Add((c.Source.Kind, new ReportClaim(ExportSet.Quote(d, c.Start, c.End), source, c.Certainty,
                    c.CertaintyCue is { } cue ? ExportSet.Quote(d, cue.Start, cue.End) : null, c.Checkworthy, label)));
            }

            findings.AddRange((cf.Findings ?? []).Select(f => new ReportFinding(f.Check, f.Status, f.Severity, f.Message,
                [.. f.Evidence.Select(s => ExportSet.Quote(d, s.Start, s.End))], label)));
        }

        timeline = Ordered(timeline);
        var statusOrder = new Dictionary<string, int>(StringComparer.Ordinal) { ["inconsistent"] = 0, ["unverifiable"] = 1, ["consistent"] = 2 };
        findings = [.. findings.OrderBy(f => statusOrder.GetValueOrDefault(f.Status, 3))];

        ReportParty Party(CorpusEntity e)
        {
            var roles = new List<string>();
            foreach (var m in e.Documents)
            {
                var doc = set.Documents.First(x => x.CaseFile.Document.Id == m.Document);
                roles.AddRange((ExportSet.LocalEntity(doc, m.Entity)?.Roles ?? []).Select(r => RoleText(set, doc, r)));
            }

            return new ReportParty(e.Name, [.. e.Aliases.Where(a => a != e.Name)], [.. roles.Distinct(StringComparer.Ordinal)], e.Mentions,
                e.Documents.Select(m => m.Document).Distinct().Count());
        }

        var entities = set.Entities.OrderByDescending(e => e.Mentions).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        var inconsistent = findings.Count(f => f.Status == "inconsistent");
        var summary = new List<string>
        {
            $"{docs.Count} document{S(docs.Count)}; {Count(entities, "PER")} people, {Count(entities, "ORG")} organisations, {Count(entities, "LOC")} places.",
            $"{timeline.Count} event{S(timeline.Count)} ({timeline.Count(t => t.From is not null)} dated), {money.Count} sum{S(money.Count)} of money, {legal.Count} legal reference{S(legal.Count)}.",
            $"{claims.Count} claim{S(claims.Count)}: {claims.Count(c => c.Claim.Certainty is "hedged" or "conditional" or "questioned" or "denied")} hedged, conditional, questioned or denied; " +
            $"{claims.Count(c => c.Kind is "anonymous" or "leak" or "social_media")} from anonymous sources, leaks or social media.",
            inconsistent == 0 ? "No inconsistencies found." : $"{inconsistent} inconsistenc{(inconsistent == 1 ? "y" : "ies")} found (see Findings).",
        };

        return new ReportModel
        {
            Title = title,
            Summary = summary,
            Documents = [.. docs.Select(d => (Label(d), d.CaseFile.Document.Published, Source(d), d.CaseFile.Document.Id))],
            People = [.. entities.Where(e => e.Type == "PER").Select(Party)],
            Organisations = [.. entities.Where(e => e.Type == "ORG").Select(Party)],
            Places = [.. entities.Where(e => e.Type == "LOC").Select(Party)],
            Timeline = timeline,
            Money = money,
            Legal = legal,
            Claims = [.. claims.GroupBy(c => c.Kind).OrderBy(g => SourceOrder(g.Key)).Select(g => (g.Key, (IReadOnlyList<ReportClaim>)[.. g.Select(c => c.Claim)]))],
            Findings = findings,
        };
    }

    /// <summary>One document's events as report rows, dated ones first in time order (the web app's document timeline).</summary>
    public static IReadOnlyList<ReportEvent> TimelineOf(ExportDocument document, string label) => Ordered([.. Events(document, label)]);

    private static IEnumerable<ReportEvent> Events(ExportDocument d, string label)
    {
        var cf = d.CaseFile;
        var summaries = (cf.Timeline ?? []).ToDictionary(t => t.Event, t => t.Summary, StringComparer.Ordinal);
        foreach (var e in cf.Events ?? [])
        {
            var (from, to) = Dates(e.Time?.Value);
            var time = e.Time?.Value is { } v ? (e.Time.Mod is { } mod ? $"{mod} {v}" : v) : null;
            yield return new ReportEvent(e.Type, time, from, to, summaries.GetValueOrDefault(e.Id) ?? e.Type, FtmExport.SentenceOf(d, e.Start), label,
                $"{e.Source.Kind}, {e.Source.Certainty}", e.Unverified == true);
        }
    }

    /// <summary>Dated events first, in order; undated ones after, in document order.</summary>
    private static List<ReportEvent> Ordered(List<ReportEvent> events) =>
        [.. events.Where(t => t.From is not null).OrderBy(t => t.From).Concat(events.Where(t => t.From is null))];

    private static int Count(List<CorpusEntity> entities, string type) => entities.Count(e => e.Type == type);

    private static string S(int n) => n == 1 ? "" : "s";

    private static int SourceOrder(string kind)
    {
        var i = SourceKinds.All.ToList().IndexOf(kind);
        return i < 0 ? int.MaxValue : i;
    }

    private static string RoleText(ExportSet set, ExportDocument doc, EntityRole r)
    {
        var of = r.Of is null ? null : set.Entity(doc, r.Of)?.Name ?? ExportSet.LocalEntity(doc, r.Of)?.Name;
        var text = (r.Status is null ? "" : r.Status + " ") + r.Role + (of is null ? "" : " of " + of);
        return r.From is null && r.To is null ? text : $"{text} ({r.From ?? "?"} – {r.To ?? "?"})";
    }

    /// <summary>A money quantity that stands in brackets right after another is its conversion ("10 bn tenge (about $22 m)").</summary>
    private static bool IsConversion(string text, Quantity first, Quantity second)
    {
        if (second.Start < first.End || second.Start - first.End > 16)
        {
            return false;
        }

        var between = text.AsSpan(first.End, second.Start - first.End).Trim();
        return between.StartsWith("(") || between.StartsWith("[");
    }

    private static string Sentence(ExportDocument d, int offset) => FtmExport.SentenceOf(d, offset);

    /// <summary>The first and last day an ISO value can mean ("2022-01" → 1–31 January; "2015-06/2021-12" → a period); null when the year is unknown.</summary>
    internal static (DateOnly? From, DateOnly? To) Dates(string? value)
    {
        if (value is null)
        {
            return (null, null);
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            return (Dates(value[..slash]).From, Dates(value[(slash + 1)..]).To);
        }

        var parts = value.Split('-');
        if (parts.Length == 0 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !SafeDates.InRange(year))
        {
            return (null, null);
        }

        var month = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12 ? m : 0;
        var day = parts.Length > 2 && int.TryParse(parts[2].AsSpan(0, Math.Min(2, parts[2].Length)), NumberStyles.None, CultureInfo.InvariantCulture, out var dd) ? dd : 0;
        if (month == 0)
        {
            return (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        }

        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return (new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));
        }

        var date = new DateOnly(year, month, day);
        return (date, date);
    }
}
