using System.Globalization;
using Casefile.Model;
using CsvHelper;

namespace Casefile.Export;

/// <summary>A CSV table: its file name, stable column names and rows.</summary>
public sealed record CsvTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows);

/// <summary>
/// One CSV file per layer (docs/export.md lists the columns). Every row starts with the document id; spans are
/// <c>start</c>/<c>end</c> UTF-16 offsets into the document's text. Written with CsvHelper: RFC 4180 quoting,
/// UTF-8 without a byte order mark, CRLF, and a leading ' on text cells that a spreadsheet would run as a formula.
/// </summary>
public static class CsvExport
{
    /// <summary>The tables in the order they are written.</summary>
    public static readonly IReadOnlyList<string> TableNames =
        ["documents", "entities", "mentions", "quantities", "times", "legal_refs", "events", "event_participants", "claims", "findings"];

    public static IReadOnlyList<CsvTable> Tables(ExportSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var rows = TableNames.ToDictionary(n => n, _ => new List<string?[]>(), StringComparer.Ordinal);
        var sources = SourceNames.Of(set); // never the ingesting machine's absolute paths
        foreach (var d in set.Documents)
        {
            var cf = d.CaseFile;
            var doc = cf.Document.Id;
            rows["documents"].Add([doc, cf.Document.Title, cf.Document.Published, sources[doc], I(cf.Document.Length), cf.Document.Language]);
            foreach (var e in cf.Entities ?? [])
            {
                var corpus = set.Entity(d, e.Id);
                rows["entities"].Add([doc, e.Id, corpus?.Id, e.Type, e.Name, string.Join(" | ", e.Aliases), I(e.Mentions),
                    string.Join(" | ", (e.Roles ?? []).Select(r => RoleText(r, cf))), string.Join(" | ", (e.Identifiers ?? new Dictionary<string, string>()).Select(kv => $"{kv.Key}:{kv.Value}")),
                    (e.Roles ?? []).Any(r => r.Of is not null) ? string.Join(" | ", (e.Roles ?? []).Select(r => r.Of ?? "")) : null]);
            }

            foreach (var m in cf.Mentions)
            {
                rows["mentions"].Add([doc, I(m.Start), I(m.End), m.Text, m.Type, m.Entity, m.Kind, D(m.Confidence), m.Link?.Rule, D(m.Link?.Score)]);
            }

            foreach (var q in cf.Quantities)
            {
                rows["quantities"].Add([doc, I(q.Start), I(q.End), q.Text, q.Kind, D(q.Value), q.Unit, q.Iso, B(q.Approximate), B(q.AtLeast), B(q.AtMost)]);
            }

            foreach (var t in cf.Times)
            {
                rows["times"].Add([doc, I(t.Start), I(t.End), t.Text, t.Value, t.Granularity, t.Mod, t.Anchor]);
            }

            foreach (var l in cf.LegalRefs)
            {
                rows["legal_refs"].Add([doc, I(l.Start), I(l.End), l.Text, l.Unit, l.Article, l.Part, l.Paragraph, l.Code, l.Jurisdiction, l.Title]);
            }

            var summaries = (cf.Timeline ?? []).ToDictionary(t => t.Event, t => t.Summary, StringComparer.Ordinal);
            foreach (var e in cf.Events ?? [])
            {
                var a = e.Attributes;
                rows["events"].Add([doc, e.Id, e.Type, I(e.Start), I(e.End), summaries.GetValueOrDefault(e.Id), e.Time?.Value, e.Time?.Granularity, e.Place?.Text, e.Place?.Entity,
                    a?.Term, a?.SentenceType, string.Join(" | ", (a?.Amounts ?? []).Select(x => x.Text)), a?.Counted, D(a?.Count), a?.Role, a?.From, a?.To,
                    string.Join(" | ", (a?.LegalRefs ?? []).Select(x => x.Text)), a?.Offences, e.Source.Kind, e.Source.Certainty, I(e.Source.ClaimStart), I(e.Source.ClaimEnd), B(e.Unverified)]);
                foreach (var p in e.Participants)
                {
                    rows["event_participants"].Add([doc, e.Id, p.Role, p.Entity, p.Text, I(p.Start), I(p.End), p.EntityName]);
                }
            }

            foreach (var c in cf.Claims ?? [])
            {
                rows["claims"].Add([doc, I(c.Start), I(c.End), ExportSet.Quote(d, c.Start, c.End), c.Source.Kind, c.Source.Name, c.Source.Entity, c.Source.Via?.Kind, c.Source.Via?.Name,
                    c.Certainty, c.CertaintyCue is { } cue ? ExportSet.Quote(d, cue.Start, cue.End) : null, D(c.Checkworthy), string.Join(" | ", c.About), B(c.NoComment), B(c.Carried), B(c.Opinion)]);
            }

            foreach (var f in cf.Findings ?? [])
            {
                rows["findings"].Add([doc, f.Check, f.Status, f.Severity, f.Message, string.Join(" | ", f.Evidence.Select(s => $"{s.Start}-{s.End}")),
                    string.Join(" | ", f.Evidence.Select(s => ExportSet.Quote(d, s.Start, s.End))), string.Join(" | ", (f.Facts ?? []).Select(x => $"{x.Source}: {x.Statement}"))]);
            }
        }

        return [.. TableNames.Select(n => new CsvTable(n, Columns[n], rows[n]))];
    }

    /// <summary>Column names per table; changing one is a breaking change of the export (docs/export.md).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Columns = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["documents"] = ["document", "title", "published", "source", "length", "language"],
        ["entities"] = ["document", "entity", "corpus_entity", "type", "name", "aliases", "mentions", "roles", "identifiers", "role_entities"],
        ["mentions"] = ["document", "start", "end", "text", "type", "entity", "kind", "confidence", "link_rule", "link_score"],
        ["quantities"] = ["document", "start", "end", "text", "kind", "value", "unit", "iso", "approximate", "at_least", "at_most"],
        ["times"] = ["document", "start", "end", "text", "value", "granularity", "mod", "anchor"],
        ["legal_refs"] = ["document", "start", "end", "text", "unit", "article", "part", "paragraph", "code", "jurisdiction", "title"],
        ["events"] = ["document", "event", "type", "start", "end", "summary", "time", "granularity", "place", "place_entity", "term", "sentence_type", "amounts",
            "counted", "count", "role", "from", "to", "legal_refs", "offences", "source_kind", "certainty", "claim_start", "claim_end", "unverified"],
        ["event_participants"] = ["document", "event", "role", "entity", "text", "start", "end", "entity_name"],
        ["claims"] = ["document", "start", "end", "text", "source_kind", "source_name", "source_entity", "via_kind", "via_name", "certainty", "certainty_cue",
            "checkworthy", "about", "no_comment", "carried", "opinion"],
        ["findings"] = ["document", "check", "status", "severity", "message", "evidence", "evidence_text", "facts"],
    };

    /// <summary>Writes every table as <c>&lt;directory&gt;/&lt;table&gt;.csv</c>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(ExportSet set, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var table in Tables(set))
        {
            var path = Path.Combine(directory, table.Name + ".csv");
            using var writer = CsvWriter.ToFile(path, Options);
            Write(writer, table);
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>Writes one table to a text writer.</summary>
    public static void Write(CsvTable table, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var writer = CsvWriter.Create(output, Options, leaveOpen: true);
        Write(writer, table);
    }

    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    private static void Write(CsvWriter writer, CsvTable table)
    {
        writer.WriteHeader([.. table.Columns]);
        foreach (var row in table.Rows)
        {
            writer.WriteRecord(row.Select(v => v ?? "").ToArray());
        }

        writer.Flush();
    }

    /// <summary>"former head of Velsk City Council from 2015-06 to 2021-12": the organisation by name (<see cref="Wording.RoleOf"/>), dates as ISO values.</summary>
    private static string RoleText(EntityRole r, CaseFile cf) =>
        string.Join(' ', new[] { r.Status, r.Role, r.Of is null ? null : "of " + Wording.RoleOf(r, cf), r.From is null ? null : "from " + r.From, r.To is null ? null : "to " + r.To }.Where(x => x is not null));

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string? D(double? v) => v?.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string? B(bool? v) => v switch { true => "true", false => "false", null => null };
}
