using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Casefile.Events;
using Casefile.Lexicons;
using Casefile.Model;
using Casefile.Resolution;

namespace Casefile.Export;

/// <summary>One FollowTheMoney entity: id, schema and multi-valued properties (FtM's JSON shape).</summary>
public sealed record FtmEntity(string Id, string Schema, SortedDictionary<string, List<string>> Properties);

/// <summary>A span behind an FtM entity: the document, the range and the words.</summary>
public sealed record SidecarSpan(string Document, int Start, int End, string Text, string? What = null);

/// <summary>
/// What FtM has no place for, keyed by FtM id in the sidecar file: the Casefile records an entity was made from,
/// the spans they rest on, and for events and claims who says so and how surely.
/// </summary>
public sealed record SidecarRecord
{
    public required string Document { get; init; }
    /// <summary>entity, mention, role, event, document.</summary>
    public required string Record { get; init; }
    /// <summary>The record's id in the document's case file (e3, v2).</summary>
    public string? Id { get; init; }
    public required List<SidecarSpan> Spans { get; init; }
    public string? Certainty { get; init; }
    public ClaimSource? Source { get; init; }
    public SpanRef? Claim { get; init; }
    public bool? Unverified { get; init; }
    /// <summary>Every claim of a document (on the Article's entry).</summary>
    public IReadOnlyList<Claim>? Claims { get; init; }
    /// <summary>Consistency findings of a document (on the Article's entry).</summary>
    public IReadOnlyList<Finding>? Findings { get; init; }
}

/// <summary>The sidecar file: FtM id → schema and the Casefile records behind it.</summary>
public sealed record SidecarEntry(string Schema, List<SidecarRecord> Records);

/// <summary>An FtM export: the entities in a stable order and the sidecar.</summary>
public sealed record FtmExportResult(IReadOnlyList<FtmEntity> Entities, SortedDictionary<string, SidecarEntry> Sidecar);

/// <summary>
/// Maps case files to FollowTheMoney entities (docs/export.md has the table): Article per document, Person /
/// Organization / PublicBody / Address per corpus entity, Mention per entity per document, Position + Occupancy
/// for roles and tenures, CourtCase + CourtCaseParty + Sanction for charges, convictions and sentences, Payment
/// for a payment with both parties, Event for the rest. Ids are SHA-1 hashes of the defining fields.
/// </summary>
public static partial class FtmExport
{
    private static readonly FrozenSet<string> PublicKinds = FrozenSet.Create(StringComparer.Ordinal, "official", "court", "authority");

    private static readonly Lazy<FrozenDictionary<string, string>> SourceWords = new(() =>
        LexiconFile.Rows("claim-sources.tsv", 2).Where(r => !r[0].Contains(' ', StringComparison.Ordinal))
            .GroupBy(r => r[0], StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(g => g.Key, g => g.First()[1], StringComparer.OrdinalIgnoreCase));

    private static readonly string[] CourtWords = ["court", "tribunal", "judge"];

    public static FtmExportResult Export(ExportSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var b = new Builder();
        var entityIds = EntityIds(set);
        foreach (var e in set.Entities)
        {
            AddEntity(b, set, e, entityIds);
        }

        var sources = SourceNames.Of(set);
        foreach (var d in set.Documents)
        {
            AddDocument(b, set, d, entityIds, sources[d.CaseFile.Document.Id]);
        }

        foreach (var values in b.Entities.Values.SelectMany(e => e.Properties.Values))
        {
            values.Sort(StringComparer.Ordinal); // FtM values are sets: sorted, the export does not depend on input order
        }

        return new FtmExportResult([.. b.Entities.Values.OrderBy(e => SchemaOrder(e.Schema)).ThenBy(e => e.Id, StringComparer.Ordinal)], b.Sidecar);
    }

    /// <summary>The FtM schema of a corpus entity, or null for a place that is a country (written as a code instead).</summary>
    public static string? SchemaOf(CorpusEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type switch
        {
            "PER" => "Person",
            "ORG" => IsPublicBody(e.Name) ? "PublicBody" : "Organization",
            _ => CountryCode(e) is null ? "Address" : null,
        };
    }

    private static bool IsPublicBody(string name) =>
        name.Split([' ', '-', '’', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Any(w => SourceWords.Value.TryGetValue(w, out var kind) && PublicKinds.Contains(kind));

    internal static string? CountryCode(CorpusEntity e) =>
        e.Identifiers is { } ids && ids.TryGetValue("iso3166", out var code) && code.Length == 2 ? code.ToLowerInvariant() : null;

    private static int SchemaOrder(string schema) => schema switch
    {
        "Article" => 0,
        "Person" => 1,
        "Organization" or "PublicBody" => 2,
        "Address" => 3,
        "Mention" => 4,
        "Position" => 5,
        "Occupancy" => 6,
        "CourtCase" => 7,
        "CourtCaseParty" => 8,
        "Sanction" => 9,
        "Payment" => 10,
        _ => 11,
    };

    /// <summary>FtM ids of the corpus entities: the schema and the folded name; a second entity of the same name adds its first document.</summary>
    private static Dictionary<CorpusEntity, string> EntityIds(ExportSet set)
    {
        var ids = new Dictionary<CorpusEntity, string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in set.Entities)
        {
            if (SchemaOf(e) is not { } schema)
            {
                continue;
            }

            var id = ExportSet.MakeId(schema, NameKey(e.Name));
            if (!used.Add(id))
            {
                id = ExportSet.MakeId(schema, NameKey(e.Name), e.Documents[0].Document, e.Documents[0].Entity);
                used.Add(id);
            }

            ids[e] = id;
        }

        return ids;
    }

    private static string NameKey(string name) => string.Join(' ', name.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static void AddEntity(Builder b, ExportSet set, CorpusEntity e, Dictionary<CorpusEntity, string> ids)
    {
        if (!ids.TryGetValue(e, out var id))
        {
            return;
        }

        var schema = SchemaOf(e)!;
        var p = b.Add(id, schema);
        Builder.Set(p, schema == "Address" ? "full" : "name", e.Name);
        if (schema == "Address")
        {
            Builder.Set(p, "name", e.Name);
        }

        foreach (var alias in e.Aliases.Where(a => !string.Equals(a, e.Name, StringComparison.Ordinal)))
        {
            Builder.Set(p, "alias", alias);
        }

        if (schema == "Person")
        {
            foreach (var (key, values) in e.Facts ?? new Dictionary<string, IReadOnlyList<string>>())
            {
                foreach (var v in values)
                {
                    var value = key switch
                    {
                        "birthDate" or "deathDate" => FtmDate(v),
                        "nationality" or "citizenship" or "birthCountry" => v.Length == 2 ? v.ToLowerInvariant() : null,
                        "birthPlace" or "position" or "firstName" or "lastName" => v,
                        _ => null,
                    };
                    Builder.Set(p, key, value);
                }
            }
        }

        foreach (var m in e.Documents)
        {
            var doc = set.Documents.First(d => d.CaseFile.Document.Id == m.Document);
            Builder.Set(p, "proof", ArticleId(doc));
            var spans = (doc.CaseFile.Mentions ?? []).Where(x => x.Entity == m.Entity)
                .Select(x => new SidecarSpan(m.Document, x.Start, x.End, x.Text, x.Kind ?? "name")).ToList();
            b.Side(id, schema, new SidecarRecord { Document = m.Document, Record = "entity", Id = m.Entity, Spans = spans });
        }
    }

    internal static string ArticleId(ExportDocument d) => ExportSet.MakeId("Article", d.CaseFile.Document.Id);

    /// <param name="source">The document's source as exports show it (<see cref="SourceNames"/>: never an absolute path).</param>
    private static void AddDocument(Builder b, ExportSet set, ExportDocument d, Dictionary<CorpusEntity, string> ids, string? source)
    {
        var cf = d.CaseFile;
        var docId = cf.Document.Id;
        var article = ArticleId(d);
        var a = b.Add(article, "Article");
        Builder.Set(a, "name", cf.Document.Title ?? (source is { } file ? Path.GetFileName(file) : null) ?? "Document " + docId);
        Builder.Set(a, "title", cf.Document.Title);
        Builder.Set(a, "publishedAt", FtmDate(cf.Document.Published));
        Builder.Set(a, "bodyText", d.Text);
        Builder.Set(a, "contentHash", ExportSet.Sha1(d.Text));
        Builder.Set(a, "language", "eng");
        if (source is not null)
        {
            Builder.Set(a, source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "sourceUrl" : "fileName", source);
        }

        b.Side(article, "Article", new SidecarRecord
        {
            Document = docId, Record = "document", Spans = [], Claims = cf.Claims, Findings = cf.Findings,
        });

        // Mentions: one per entity per document, linking the article to the entity.
        foreach (var local in cf.Entities ?? [])
        {
            var corpus = set.Entity(d, local.Id);
            if (corpus is null)
            {
                continue;
            }

            if (CountryCode(corpus) is { } code)
            {
                Builder.Set(a, "detectedCountry", code);
                continue;
            }

            if (!ids.TryGetValue(corpus, out var target))
            {
                continue;
            }

            var schema = SchemaOf(corpus)!;
            Builder.Set(a, schema switch { "Person" => "peopleMentioned", "Address" => "locationMentioned", _ => "companiesMentioned" }, local.Name);
            if (schema == "Address")
            {
                continue; // Mention.resolved takes a legal entity; places are named on the article instead.
            }

            var mentionId = ExportSet.MakeId("Mention", docId, target);
            var mention = b.Add(mentionId, "Mention");
            Builder.Set(mention, "name", local.Name);
            Builder.Set(mention, "document", article);
            Builder.Set(mention, "resolved", target);
            Builder.Set(mention, "detectedSchema", schema);
            var spans = cf.Mentions.Where(x => x.Entity == local.Id).Select(x => new SidecarSpan(docId, x.Start, x.End, x.Text, x.Kind ?? "name")).ToList();
            b.Side(mentionId, "Mention", new SidecarRecord { Document = docId, Record = "mention", Id = local.Id, Spans = spans });

            foreach (var role in local.Roles ?? [])
            {
                if (schema == "Person")
                {
                    var org = set.Entity(d, role.Of);
                    AddOccupancy(b, d, ids, target, role.Role, org, role.From, role.To, role.Status,
                        new SidecarRecord { Document = docId, Record = "role", Id = local.Id, Spans = [.. role.Evidence.Select(s => Span(d, s.Start, s.End, "evidence"))] });
                }
            }
        }

        var summaries = (cf.Timeline ?? []).ToDictionary(t => t.Event, t => t.Summary, StringComparer.Ordinal);
        var courtEvents = (cf.Events ?? []).Where(e => e.Type is "charge" or "conviction" or "sentence").ToList();
        if (courtEvents.Count > 0)
        {
            AddCourtCase(b, set, d, ids, courtEvents, summaries);
        }

        foreach (var e in (cf.Events ?? []).Where(e => e.Type is not ("charge" or "conviction" or "sentence")))
        {
            AddEvent(b, set, d, ids, e, summaries.GetValueOrDefault(e.Id) ?? Timeline.Summary(e));
        }
    }

    /// <summary>The sentence an offset is in, as written (spaces normalised).</summary>
    internal static string SentenceOf(ExportDocument d, int offset) =>
        d.CaseFile.Sentences.FirstOrDefault(x => x.Start <= offset && offset < x.End) is { } s ? ExportSet.Quote(d, s.Start, s.End) : ExportSet.Quote(d, offset, offset);

    private static SidecarSpan Span(ExportDocument d, int start, int end, string? what) =>
        new(d.CaseFile.Document.Id, start, end, ExportSet.Quote(d, start, end), what);

    private static void AddOccupancy(Builder b, ExportDocument d, Dictionary<CorpusEntity, string> ids, string holder, string role,
        CorpusEntity? org, string? from, string? to, string? status, SidecarRecord record)
    {
        var orgId = org is not null && ids.TryGetValue(org, out var oid) && SchemaOf(org) is "Organization" or "PublicBody" ? oid : null;
        var postName = org is null ? role : $"{role} of {org.Name}";
        var postId = ExportSet.MakeId("Position", NameKey(postName), orgId);
        var post = b.Add(postId, "Position");
        Builder.Set(post, "name", postName);
        Builder.Set(post, "organization", orgId);
        if (org is not null && CountryCode(org) is { } code)
        {
            Builder.Set(post, "country", code);
        }

        Builder.Set(post, "proof", ArticleId(d));
        var start = FtmDate(from);
        var end = FtmDate(to);
        var occId = ExportSet.MakeId("Occupancy", holder, postId); // a role and its dated tenure are one occupancy
        var occ = b.Add(occId, "Occupancy");
        Builder.Set(occ, "holder", holder);
        Builder.Set(occ, "post", postId);
        Builder.Set(occ, "startDate", start);
        Builder.Set(occ, "endDate", end);
        Builder.Set(occ, "status", status);
        b.Side(occId, "Occupancy", record);
    }

    private static void AddCourtCase(Builder b, ExportSet set, ExportDocument d, Dictionary<CorpusEntity, string> ids, List<Event> events, Dictionary<string, string> summaries)
    {
        var cf = d.CaseFile;
        var docId = cf.Document.Id;
        var court = CourtName(set, d, events);
        var defendants = events.SelectMany(e => e.Participants)
            .Where(p => p.Role is "defendant" or "convict")
            .Select(p => (Participant: p, Entity: set.Entity(d, p.Entity)))
            .Where(x => x.Entity is not null && ids.ContainsKey(x.Entity) && SchemaOf(x.Entity) is "Person" or "Organization" or "PublicBody")
            .DistinctBy(x => x.Entity)
            .ToList();
        var caseId = ExportSet.MakeId("CourtCase", docId, court);
        var c = b.Add(caseId, "CourtCase");
        Builder.Set(c, "name", defendants.Count > 0 ? "Case against " + string.Join(", ", defendants.Select(x => x.Entity!.Name)) : court is null ? "Criminal case" : "Case before " + court);
        Builder.Set(c, "court", court);
        if (CaseNumber().Match(d.Text) is { Success: true } number)
        {
            Builder.Set(c, "caseNumber", number.Groups["n"].Value);
        }

        Builder.Set(c, "fileDate", events.Where(e => e.Type == "charge").Select(e => FtmDate(e.Time?.Value)).FirstOrDefault(v => v is not null));
        Builder.Set(c, "status", events.Any(e => e.Type is "conviction" or "sentence") ? "convicted" : "charged");
        Builder.Set(c, "type", "criminal");
        Builder.Set(c, "proof", ArticleId(d));
        b.Side(caseId, "CourtCase", new SidecarRecord
        {
            Document = docId, Record = "event", Id = string.Join(",", events.Select(e => e.Id)),
            Spans = [.. events.SelectMany(e => e.Evidence.Select(s => Span(d, s.Start, s.End, e.Type)))],
        });

        foreach (var (participant, entity) in defendants)
        {
            var partyId = ids[entity!];
            var id = ExportSet.MakeId("CourtCaseParty", caseId, partyId);
            var party = b.Add(id, "CourtCaseParty");
            Builder.Set(party, "case", caseId);
            Builder.Set(party, "party", partyId);
            Builder.Set(party, "role", "defendant");
            b.Side(id, "CourtCaseParty", new SidecarRecord { Document = docId, Record = "event", Spans = [Span(d, participant.Start, participant.End, participant.Role)] });
        }

        foreach (var e in events.Where(e => e.Type == "sentence"))
        {
            foreach (var p in e.Participants.Where(p => p.Role is "convict" or "defendant"))
            {
                if (set.Entity(d, p.Entity) is not { } entity || !ids.TryGetValue(entity, out var target))
                {
                    continue;
                }

                var id = ExportSet.MakeId("Sanction", docId, e.Id, target);
                var s = b.Add(id, "Sanction");
                Builder.Set(s, "entity", target);
                Builder.Set(s, "authority", court);
                Builder.Set(s, "duration", Duration(e.Attributes));
                Builder.Set(s, "startDate", FtmDate(e.Time?.Value));
                Builder.Set(s, "reason", ReasonFor(events, p.Entity) ?? summaries.GetValueOrDefault(e.Id));
                Builder.Set(s, "provisions", Provisions(e.Attributes));
                Builder.Set(s, "summary", summaries.GetValueOrDefault(e.Id));
                b.Side(id, "Sanction", EventRecord(d, e));
            }
        }
    }

    private static string? CourtName(ExportSet set, ExportDocument d, List<Event> events)
    {
        var named = events.SelectMany(e => e.Participants)
            .Where(p => p.Role is "authority" or "court" && CourtWords.Any(w => p.Text.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Select(p => set.Entity(d, p.Entity)?.Name ?? p.Text).FirstOrDefault();
        if (named is not null)
        {
            return named;
        }

        var courts = (d.CaseFile.Entities ?? []).Where(e => e.Type == "ORG" && CourtWords.Any(w => e.Name.Contains(w, StringComparison.OrdinalIgnoreCase))).ToList();
        return courts.Count == 1 ? set.Entity(d, courts[0].Id)?.Name ?? courts[0].Name : null;
    }

    private static string? ReasonFor(List<Event> events, string? entity)
    {
        var conviction = events.FirstOrDefault(e => e.Type is "conviction" or "charge" && e.Participants.Any(p => p.Entity == entity) && e.Attributes?.Offences is not null)
            ?? events.FirstOrDefault(e => e.Type is "conviction" or "charge" && e.Attributes?.Offences is not null);
        return conviction?.Attributes?.Offences;
    }

    private static string? Duration(EventAttributes? a)
    {
        if (a?.Term is not { } term)
        {
            return null;
        }

        if (term == "life")
        {
            return "life";
        }

        var m = IsoDuration().Match(term);
        if (!m.Success)
        {
            return term;
        }

        var parts = new List<string>();
        foreach (var (group, unit) in new[] { ("y", "year"), ("m", "month"), ("d", "day") })
        {
            if (m.Groups[group].Success && decimal.TryParse(m.Groups[group].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n != 0)
            {
                parts.Add($"{n.ToString(CultureInfo.InvariantCulture)} {unit}{(n == 1 ? "" : "s")}");
            }
        }

        return parts.Count == 0 ? term : string.Join(' ', parts);
    }

    private static string? Provisions(EventAttributes? a)
    {
        if (a is null)
        {
            return null;
        }

        var parts = new List<string>();
        if (a.SentenceType is { } type)
        {
            parts.Add(type.Replace('_', ' '));
        }

        if (a.Confiscation == true)
        {
            parts.Add("confiscation of property");
        }

        parts.AddRange((a.StrippedOf ?? []).Select(s => "stripped of " + s));
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static SidecarRecord EventRecord(ExportDocument d, Event e) => new()
    {
        Document = d.CaseFile.Document.Id,
        Record = "event",
        Id = e.Id,
        Spans = [.. e.Evidence.Select(s => Span(d, s.Start, s.End, "evidence")), .. e.Participants.Select(p => Span(d, p.Start, p.End, p.Role))],
        Certainty = e.Source.Certainty,
        Source = d.CaseFile.Claims?.FirstOrDefault(c => c.Start == e.Source.ClaimStart && c.End == e.Source.ClaimEnd)?.Source
            ?? new ClaimSource { Kind = e.Source.Kind },
        Claim = new SpanRef(e.Source.ClaimStart, e.Source.ClaimEnd),
        Unverified = e.Unverified,
    };

    private static void AddEvent(Builder b, ExportSet set, ExportDocument d, Dictionary<CorpusEntity, string> ids, Event e, string summary)
    {
        var docId = d.CaseFile.Document.Id;
        string? Target(EventParticipant p) =>
            set.Entity(d, p.Entity) is { } c && ids.TryGetValue(c, out var t) && SchemaOf(c) is "Person" or "Organization" or "PublicBody" ? t : null;

        var a = e.Attributes;
        var holder = e.Participants.FirstOrDefault(p => p.Role is "holder" or "person" && Target(p) is not null);
        var org = e.Participants.Where(p => p.Role == "organisation").Select(p => set.Entity(d, p.Entity)).FirstOrDefault(x => x is not null);
        if (e.Type is "tenure" or "appointment" or "dismissal" && holder is not null && (a?.Role ?? HolderRole(set, d, holder, org)) is { } role)
        {
            a ??= new EventAttributes();
            var (from, to) = e.Type switch
            {
                "appointment" => (a.From ?? e.Time?.Value, a.To),
                "dismissal" => (a.From, a.To ?? e.Time?.Value),
                _ => (a.From ?? Period(e.Time?.Value).From, a.To ?? Period(e.Time?.Value).To),
            };
            org ??= set.Entity(d, ExportSet.LocalEntity(d, holder.Entity)?.Roles?.FirstOrDefault(r => r.Role == role)?.Of);
            AddOccupancy(b, d, ids, Target(holder)!, role, org, from, to, e.Type == "dismissal" ? "former" : null, EventRecord(d, e));
            return;
        }

        var amount = a?.Amounts?.FirstOrDefault(x => x.Conversion != true && x.Value is not null && x.Currency is not null);
        var payer = e.Participants.FirstOrDefault(p => p.Role == "payer" && Target(p) is not null);
        var payee = e.Participants.FirstOrDefault(p => p.Role == "payee" && Target(p) is not null);
        if (e.Type == "payment" && payer is not null && payee is not null)
        {
            var id = ExportSet.MakeId("Payment", docId, e.Type, e.Start.ToString(CultureInfo.InvariantCulture));
            var pay = b.Add(id, "Payment");
            Builder.Set(pay, "payer", Target(payer));
            Builder.Set(pay, "beneficiary", Target(payee));
            Builder.Set(pay, "amount", Number(amount?.Value));
            Builder.Set(pay, "currency", amount?.Currency);
            Builder.Set(pay, "amountUsd", Number(a?.Amounts?.FirstOrDefault(x => x.Conversion == true && x.Currency == "USD")?.Value));
            SetDates(pay, e.Time?.Value);
            Builder.Set(pay, "purpose", SentenceOf(d, e.Start));
            Builder.Set(pay, "summary", summary);
            b.Side(id, "Payment", EventRecord(d, e));
            return;
        }

        var eventId = ExportSet.MakeId("Event", docId, e.Type, e.Start.ToString(CultureInfo.InvariantCulture));
        var ev = b.Add(eventId, "Event");
        Builder.Set(ev, "name", char.ToUpperInvariant(summary[0]) + summary[1..]);
        Builder.Set(ev, "summary", summary);
        Builder.Set(ev, "description", SentenceOf(d, e.Start));
        SetDates(ev, e.Time?.Value);
        foreach (var p in e.Participants)
        {
            Builder.Set(ev, "involved", Target(p));
        }

        if (e.Place is { } place)
        {
            var corpus = set.Entity(d, place.Entity);
            Builder.Set(ev, "location", corpus?.Name ?? place.Text);
            Builder.Set(ev, "country", corpus is null ? null : CountryCode(corpus));
        }

        if (amount is not null)
        {
            Builder.Set(ev, "keywords", $"{Number(amount.Value)} {amount.Currency}");
        }

        Builder.Set(ev, "keywords", e.Type.Replace('_', ' '));
        Builder.Set(ev, "proof", ArticleId(d));
        b.Side(eventId, "Event", EventRecord(d, e));
    }

    /// <summary>
    /// The role a tenure's holder has in the organisation it names; without one, their only role or their only role
    /// in an organisation (tenure events carry the dates, entity roles the title and the organisation).
    /// </summary>
    private static string? HolderRole(ExportSet set, ExportDocument d, EventParticipant holder, CorpusEntity? org)
    {
        var roles = ExportSet.LocalEntity(d, holder.Entity)?.Roles ?? [];
        if (org is not null)
        {
            return roles.FirstOrDefault(r => set.Entity(d, r.Of) == org)?.Role;
        }

        var inOrganisation = roles.Where(r => r.Of is not null).ToList();
        return roles.Count == 1 ? roles[0].Role : inOrganisation.Count == 1 ? inOrganisation[0].Role : null;
    }

    /// <summary>The two ends of an ISO period "A/B"; null for a single date.</summary>
    private static (string? From, string? To) Period(string? value) =>
        value?.IndexOf('/', StringComparison.Ordinal) is int slash and > 0 ? (value[..slash], value[(slash + 1)..]) : (null, null);

    private static void SetDates(SortedDictionary<string, List<string>> p, string? value)
    {
        var (from, to) = Period(value);
        if (from is not null || to is not null)
        {
            Builder.Set(p, "startDate", FtmDate(from));
            Builder.Set(p, "endDate", FtmDate(to));
        }
        else
        {
            Builder.Set(p, "date", FtmDate(value));
        }
    }

    private static string? Number(double? v) => v?.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>An ISO date FtM accepts (YYYY, YYYY-MM, YYYY-MM-DD, with a time); unknown years, weeks and seasons give null.</summary>
    public static string? FtmDate(string? value) =>
        value is not null && FtmDatePattern().IsMatch(value) ? value : null;

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FtmDatePattern();

    [GeneratedRegex(@"^P(?:(?<y>\d+(?:\.\d+)?)Y)?(?:(?<m>\d+(?:\.\d+)?)M)?(?:(?<d>\d+(?:\.\d+)?)D)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDuration();

    [GeneratedRegex(@"\b[Cc]ase\s+(?:[Nn]o\.?|[Nn]umber|#)\s*(?<n>[A-Z0-9][\w/.-]*\d[\w/-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumber();

    /// <summary>Collects entities by id; a second Add of the same id merges its properties.</summary>
    private sealed class Builder
    {
        public Dictionary<string, FtmEntity> Entities { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, SidecarEntry> Sidecar { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, List<string>> Add(string id, string schema)
        {
            if (!Entities.TryGetValue(id, out var e))
            {
                e = new FtmEntity(id, schema, new SortedDictionary<string, List<string>>(StringComparer.Ordinal));
                Entities[id] = e;
            }

            return e.Properties;
        }

        public void Side(string id, string schema, SidecarRecord record)
        {
            if (!Sidecar.TryGetValue(id, out var entry))
            {
                entry = new SidecarEntry(schema, []);
                Sidecar[id] = entry;
            }

            entry.Records.Add(record);
        }

        public static void Set(SortedDictionary<string, List<string>> properties, string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            if (!properties.TryGetValue(name, out var values))
            {
                values = [];
                properties[name] = values;
            }

            if (!values.Contains(value, StringComparer.Ordinal))
            {
                values.Add(value);
            }
        }
    }
}
