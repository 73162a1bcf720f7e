using System.Globalization;
using System.Text;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Events;

/// <summary>An expected event: type, key participant as written (or "-"), key attribute in normal form (or "-").</summary>
public sealed record GoldEvent(string Type, string Participant, string Attribute, int Line);

/// <summary>One document of the events test set.</summary>
public sealed record EventDoc(string Id, string Category, string Note, string Text, DateOnly? Published, IReadOnlyList<GoldEvent> Events);

/// <summary>Triple counts: expected, found, and found that match an expected one; plus the same for (type, participant) pairs.</summary>
public sealed record EventCounts(int Gold, int System, int Both, int PairBoth = 0)
{
    public double Precision => System == 0 ? 1 : (double)Both / System;

    public double Recall => Gold == 0 ? 1 : (double)Both / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static EventCounts operator +(EventCounts a, EventCounts b) => new(a.Gold + b.Gold, a.System + b.System, a.Both + b.Both, a.PairBoth + b.PairBoth);
}

/// <summary>
/// The events test set (data/eval/events.txt): documents as in the other sets, an optional
/// <c>@published YYYY-MM-DD</c> line, paragraphs, and expected events as <c>&gt; TYPE | PARTICIPANT | ATTRIBUTE</c>.
/// Each event the system finds gives one (type, key participant, key attribute) triple (docs/events.md
/// says which participant and attribute per type); precision and recall count triples that match an
/// expected one: same type, the participant written as any spelling of the same entity, the attribute equal.
/// </summary>
public static class EventEval
{
    public static IReadOnlyList<EventDoc> Read(string path) =>
        [.. AnnotatedFile.Read(path, ErrorCodes.EventDataMalformed, "events data").Select(d => Parse(path, d))];

    private static EventDoc Parse(string path, AnnotatedDocument d)
    {
        DateOnly? published = null;
        var text = new StringBuilder();
        var events = new List<GoldEvent>();
        foreach (var (line, number) in d.Paragraphs)
        {
            if (AnnotatedFile.Published(line, path, number, ErrorCodes.EventDataMalformed, out var date))
            {
                published = date;
            }
            else if (line.StartsWith('>'))
            {
                var parts = line[1..].Split('|').Select(x => x.Trim()).ToArray();
                if (parts.Length != 3 || !EventTypes.All.Contains(parts[0]))
                {
                    throw new CasefileException(ErrorCodes.EventDataMalformed,
                        $"{path}:{number}: an event line is '> TYPE | PARTICIPANT | ATTRIBUTE' with TYPE one of {string.Join(", ", EventTypes.All)}.");
                }

                events.Add(new GoldEvent(parts[0], parts[1], parts[2], number));
            }
            else
            {
                if (text.Length > 0)
                {
                    text.Append('\n');
                }

                text.Append(line);
            }
        }

        return new EventDoc(d.Id, d.Category, d.Note, text.ToString(), published, events);
    }

    public static AnalyzedDocument Analyze(EventDoc doc, AnalysisPipeline? pipeline = null) =>
        (pipeline ?? CasefileAnalyzer.DefaultPipeline).Run(new Document(doc.Text, published: doc.Published, source: doc.Id));

    /// <summary>The triple an event is scored by.</summary>
    public static (string Type, EventParticipant? Participant, string Attribute) Triple(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var a = e.Attributes;
        EventParticipant? Role(params string[] roles) => e.Participants.FirstOrDefault(p => roles.Contains(p.Role));
        var inv = CultureInfo.InvariantCulture;
        string Money(EventAmount? m) => m?.Value is { } v && m.Currency is { } c ? string.Create(inv, $"{v:0.##} {c}") : "-";
        return e.Type switch
        {
            "sentence" => (e.Type, Head(e.Participants), a?.Term ?? (a?.SentenceType == "fine" ? Money(a.Amounts?.FirstOrDefault(x => x.Conversion != true)) : "-")),
            "charge" or "conviction" => (e.Type, Head(e.Participants), (a?.LegalRefs is { Count: > 0 } refs ? refs[0].Article : null) ?? "-"),
            "asset_recovery" => (e.Type, Role("from"), Money(a?.Amounts?.FirstOrDefault(x => x.Conversion != true))),
            "payment" => (e.Type, Role("payer"), Money(a?.Amounts?.FirstOrDefault(x => x.Conversion != true))),
            "appointment" or "dismissal" => (e.Type, e.Participants.FirstOrDefault(p => p.Role != "organisation"), Role("organisation")?.Label ?? "-"),
            "tenure" => (e.Type, Role("holder"), a?.From is null && a?.To is null ? "-" : $"{a?.From}/{a?.To}"),
            "casualties" => (e.Type, e.Place, a?.Counted is { } k ? string.Create(inv, $"{k}:{a.Count:0}") : "-"),
            "protest" or "emergency" => (e.Type, e.Place, e.Time?.Value ?? "-"),
            "deployment" or "withdrawal" => (e.Type, Role("force"), e.Time?.Value ?? "-"),
            "search" => (e.Type, Head(e.Participants), "-"),
            "flight" => (e.Type, Head(e.Participants), a?.Destination ?? "-"),
            _ => (e.Type, Head(e.Participants), e.Time?.Value ?? "-"),
        };
    }

    private static EventParticipant? Head(IReadOnlyList<EventParticipant> list) => list.Count > 0 ? list[0] : null;

    public static (EventCounts Counts, IReadOnlyList<string> Mistakes) Score(EventDoc doc, AnalyzedDocument analyzed)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(analyzed);
        var entities = analyzed.Get(Layers.Entities).ToDictionary(e => e.Id);
        var system = analyzed.Get(Layers.Events).Select(e => (Event: e, Triple: Triple(e))).ToList();
        var used = new bool[system.Count];
        var mistakes = new List<string>();
        int both = 0, pairs = 0;
        foreach (var g in doc.Events)
        {
            var hit = -1;
            var pair = -1;
            for (var i = 0; i < system.Count && hit < 0; i++)
            {
                var (type, participant, attribute) = system[i].Triple;
                if (used[i] || type != g.Type || !Matches(g.Participant, participant, entities))
                {
                    continue;
                }

                pair = pair < 0 ? i : pair;
                if (string.Equals(attribute, g.Attribute, StringComparison.OrdinalIgnoreCase) || AttributeMatches(g, attribute))
                {
                    hit = i;
                }
            }

            if (hit >= 0)
            {
                used[hit] = true;
                both++;
                pairs++;
            }
            else
            {
                if (pair >= 0)
                {
                    pairs++;
                }

                var near = pair >= 0 ? $" (found with attribute {system[pair].Triple.Attribute})" : "";
                mistakes.Add($"{doc.Id} line {g.Line}: missed {g.Type} | {g.Participant} | {g.Attribute}{near}");
            }
        }

        for (var i = 0; i < system.Count; i++)
        {
            if (!used[i])
            {
                var (type, participant, attribute) = system[i].Triple;
                mistakes.Add($"{doc.Id}: extra {type} | {participant?.Label ?? "-"} | {attribute}  \"{Short(doc.Text, system[i].Event)}\"");
            }
        }

        return (new EventCounts(doc.Events.Count, system.Count, both, pairs), mistakes);
    }

    private static string Short(string text, Event e)
    {
        var s = text[e.Trigger.Start..Math.Min(text.Length, e.Trigger.Start + 50)];
        return s.ReplaceLineEndings(" ");
    }

    /// <summary>A participant written as any spelling of the same entity (or "-" for none).</summary>
    private static bool Matches(string gold, EventParticipant? system, Dictionary<string, Entity> entities)
    {
        if (gold == "-")
        {
            return system is null;
        }

        if (system is null)
        {
            return false;
        }

        if (Same(gold, system.Text) || Same(gold, system.Label))
        {
            return true;
        }

        var entity = system.Entity is { } id && entities.TryGetValue(id, out var e) ? e : null;
        if (entity is not null && (Same(gold, entity.Name) || entity.Aliases.Any(a => Same(gold, a))))
        {
            return true;
        }

        // Places, organisations and forces: the tagger's span may be shorter or longer than the annotator's
        // ("Kyzylsay" for "Kyzylsay region", "Hundreds of National Guard" for "National Guard"). Never for people.
        return entity?.Type != "PER" && Contains(gold, system.Text);
    }

    private static bool Same(string a, string b)
    {
        static string Norm(string s) => s.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? s[4..] : s;
        return string.Equals(Norm(a), Norm(b), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Organisations (appointment, dismissal) and destinations are names: any spelling of the entity counts.</summary>
    /// <remarks>
    /// The tagger's span of an organisation may be shorter than the annotator's ("Karasor" in "the Karasor city
    /// police department"), so one containing the other (4+ letters) counts.
    /// </remarks>
    private static bool AttributeMatches(GoldEvent g, string attribute) =>
        g.Type is "appointment" or "dismissal" or "flight" && attribute != "-" && g.Attribute != "-" && Contains(g.Attribute, attribute);

    private static bool Contains(string a, string b) =>
        Same(a, b) || (b.Length >= 4 && a.Contains(b, StringComparison.OrdinalIgnoreCase)) || (a.Length >= 4 && b.Contains(a, StringComparison.OrdinalIgnoreCase));

    public static string Report(IReadOnlyList<EventDoc> docs, IReadOnlyList<EventCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(docs);
        ArgumentNullException.ThrowIfNull(counts);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"{"category",-16} {"docs",5} {"gold",6} {"system",7} {"both",6} {"precision",10} {"recall",7} {"f1",7}");
        void Row(string name, int n, EventCounts c) =>
            sb.AppendLine(inv, $"{name,-16} {n,5} {c.Gold,6} {c.System,7} {c.Both,6} {c.Precision,10:0.0000} {c.Recall,7:0.0000} {c.F1,7:0.0000}");
        foreach (var group in docs.Select((d, i) => (d.Category, Counts: counts[i])).GroupBy(x => x.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Row(group.Key, group.Count(), group.Aggregate(new EventCounts(0, 0, 0), (a, x) => a + x.Counts));
        }

        var total = counts.Aggregate(new EventCounts(0, 0, 0), (a, b) => a + b);
        Row("all", docs.Count, total);
        sb.AppendLine(inv, $"type+participant recall = {(total.Gold == 0 ? 1 : (double)total.PairBoth / total.Gold):0.0000}");
        sb.AppendLine(inv, $"precision = {total.Precision:0.0000}");
        sb.Append(inv, $"recall = {total.Recall:0.0000}");
        return sb.ToString();
    }
}
