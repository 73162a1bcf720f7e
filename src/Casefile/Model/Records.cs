using System.Text.Json.Serialization;

namespace Casefile.Model;

/// <summary>A sentence span.</summary>
public sealed record Sentence(int Start, int End) : ISpanned;

/// <summary>What a token is made of; drives the recognisers' cheap first tests.</summary>
public enum TokenKind : byte
{
    Word,
    Number,
    Code,
    Punct,
    Symbol,
}

/// <summary>A token span (internal layer, not in the JSON contract).</summary>
public readonly record struct Token(int Start, int End, TokenKind Kind, bool SpaceBefore, bool NewlineBefore) : ISpanned
{
    public int Length => End - Start;
}

/// <summary>A named-entity mention: a PER, ORG or LOC name as written, with the tagger's confidence.</summary>
public sealed record Mention : ISpanned
{
    public required int Start { get; init; }
    public required int End { get; init; }
    public required string Text { get; init; }
    /// <summary>PER, ORG or LOC.</summary>
    public required string Type { get; init; }
    /// <summary>The resolved entity's id (set by entity resolution; null until then).</summary>
    public string? Entity { get; init; }
    /// <summary>Probability of the least certain token label in the span (calibrated on dev data), 0–1.</summary>
    public double Confidence { get; init; }
    /// <summary>
    /// What the span is: null for a name found by the tagger; <see cref="MentionKinds"/> for the pronouns,
    /// short forms, demonyms and descriptions that entity resolution links to an entity.
    /// </summary>
    public string? Kind { get; init; }
    /// <summary>Why this mention belongs to its entity (null for the mention that founded the entity).</summary>
    public MentionLink? Link { get; init; }
}

/// <summary>Kinds of mention that entity resolution adds (names have no kind).</summary>
public static class MentionKinds
{
    public const string Pronoun = "pronoun";
    public const string ShortForm = "short_form";
    public const string Demonym = "demonym";
    public const string Description = "description";
}

/// <summary>
/// The reason a mention was linked to its entity: the rule that fired, its score (0–1), and the earlier
/// mention (or known fact) it was matched with.
/// </summary>
public sealed record MentionLink(string Rule, double Score, SpanRef? With = null, string? Note = null);

/// <summary>A role a person holds or held ("head" of the NSC from 2016-09 to 2022-01).</summary>
public sealed record EntityRole
{
    /// <summary>The role's name from data/lexicons/role-words.tsv ("head", "deputy chairman").</summary>
    public required string Role { get; init; }
    /// <summary>The entity id of the organisation or place the role is in, when it is named.</summary>
    public string? Of { get; init; }
    /// <summary>former | current; null when the text does not say.</summary>
    public string? Status { get; init; }
    /// <summary>ISO 8601 start of the tenure when stated.</summary>
    public string? From { get; init; }
    /// <summary>ISO 8601 end of the tenure when stated.</summary>
    public string? To { get; init; }
    public required IReadOnlyList<SpanRef> Evidence { get; init; }
}

/// <summary>A resolved entity: one real person, organisation or place in the document.</summary>
public sealed record Entity
{
    /// <summary>"e1", "e2"… in order of first mention.</summary>
    public required string Id { get; init; }
    public required string Type { get; init; }
    /// <summary>The canonical name: the longest full form written (or the known-facts name).</summary>
    public required string Name { get; init; }
    /// <summary>Every spelling of the name in the text, in order of first appearance.</summary>
    public required IReadOnlyList<string> Aliases { get; init; }
    /// <summary>How many mentions (names, pronouns, short forms, descriptions) link to it.</summary>
    public required int Mentions { get; init; }
    public IReadOnlyList<EntityRole>? Roles { get; init; }
    /// <summary>Identifiers such as "iso3166" (countries) and "ftm" (a known-facts entity id).</summary>
    public IReadOnlyDictionary<string, string>? Identifiers { get; init; }
    /// <summary>Attributes from the known-facts file (birthDate, nationality, position…).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Facts { get; init; }
}

/// <summary>Kinds of quantity, as written in the JSON.</summary>
public static class QuantityKinds
{
    public const string Money = "money";
    public const string Count = "count";
    public const string Percent = "percent";
    public const string Duration = "duration";
    public const string Age = "age";
}

/// <summary>Money, counts, percents, durations and ages with normalised values.</summary>
public sealed record Quantity : ISpanned
{
    public required int Start { get; init; }
    public required int End { get; init; }
    public required string Text { get; init; }
    public required string Kind { get; init; }
    public double? Value { get; init; }
    public string? Unit { get; init; }
    /// <summary>ISO 8601 duration for durations ("P16Y").</summary>
    public string? Iso { get; init; }
    public bool Approximate { get; init; }
    public bool AtLeast { get; init; }
    public bool AtMost { get; init; }
}

/// <summary>A date or period normalised to ISO 8601.</summary>
public sealed record TimeExpression : ISpanned
{
    public required int Start { get; init; }
    public required int End { get; init; }
    public required string Text { get; init; }
    /// <summary>ISO 8601 value; "XXXX" stands for an unknown year; null when it cannot be resolved.</summary>
    public string? Value { get; init; }
    public required string Granularity { get; init; }
    /// <summary>start | mid | end | night.</summary>
    public string? Mod { get; init; }
    /// <summary>published | context; null for absolute dates.</summary>
    public string? Anchor { get; init; }
    /// <summary>The span that supplied the year when <see cref="Anchor"/> is "context".</summary>
    public SpanRef? AnchorSpan { get; init; }
}

/// <summary>A reference to a span, as written in the JSON (evidence, cue, anchor).</summary>
public sealed record SpanRef(int Start, int End);

/// <summary>A reference to an article/section of a code or act.</summary>
public sealed record LegalRef : ISpanned
{
    public required int Start { get; init; }
    public required int End { get; init; }
    public required string Text { get; init; }
    public required string Unit { get; init; }
    public required string Article { get; init; }
    public string? Part { get; init; }
    public string? Paragraph { get; init; }
    public string? Code { get; init; }
    public string? Jurisdiction { get; init; }
    public string? Title { get; init; }
}

/// <summary>A problem met while reading or analysing one document, reported with the result.</summary>
public sealed record Warning(string Code, string Message);

/// <summary>Document metadata as written in the JSON contract.</summary>
public sealed record DocumentInfo(
    string Id,
    string? Title,
    string? Published,
    string Language,
    string? Source,
    int Length);

/// <summary>The JSON case file of one document (DESIGN's contract, version "1").</summary>
public sealed record CaseFile
{
    [JsonPropertyName("casefile")]
    public string Version { get; init; } = "1";
    public required DocumentInfo Document { get; init; }
    public IReadOnlyList<Warning>? Warnings { get; init; }
    public required IReadOnlyList<Sentence> Sentences { get; init; }
    public IReadOnlyList<Token>? Tokens { get; init; }
    public required IReadOnlyList<Mention> Mentions { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public required IReadOnlyList<Quantity> Quantities { get; init; }
    public required IReadOnlyList<TimeExpression> Times { get; init; }
    public required IReadOnlyList<LegalRef> LegalRefs { get; init; }
    public IReadOnlyList<Claim>? Claims { get; init; }
    public IReadOnlyList<Event>? Events { get; init; }
    public IReadOnlyList<TimelineEntry>? Timeline { get; init; }
    public IReadOnlyList<Finding>? Findings { get; init; }
}

/// <summary>
/// A statement in the text with who makes it and how surely: a sentence, or a clause when one sentence holds
/// several attributed statements (a parenthesised question is a claim of its own inside another).
/// </summary>
public sealed record Claim : ISpanned
{
    public required int Start { get; init; }
    public required int End { get; init; }
    public required ClaimSource Source { get; init; }
    /// <summary>asserted | reported | hedged | conditional | questioned | denied (<see cref="Certainties"/>).</summary>
    public required string Certainty { get; init; }
    /// <summary>The words that set the certainty ("allegedly", "If", "denied", "?"); null for asserted and reported.</summary>
    public SpanRef? CertaintyCue { get; init; }
    /// <summary>True for a non-statement ("the police did not comment on …").</summary>
    public bool? NoComment { get; init; }
    /// <summary>True when the claim has no source words of its own: it continues the previous claim's report or a quotation.</summary>
    public bool? Carried { get; init; }
    /// <summary>True for the author's evaluative frame ("This suggests that …").</summary>
    public bool? Opinion { get; init; }
    /// <summary>Entity ids mentioned in the claim outside its source.</summary>
    public required IReadOnlyList<string> About { get; init; }
    /// <summary>How much the claim is worth checking, 0–1: checkable facts (sums, dates, people, charges) score high, opinions and questions low.</summary>
    public required double Checkworthy { get; init; }
}

/// <summary>Who makes a claim: a kind from <see cref="SourceKinds"/>, the words naming the source and the cue that makes it a statement.</summary>
public sealed record ClaimSource
{
    public required string Kind { get; init; }
    /// <summary>The source's words as written, without leading articles ("telegram channels", "his press service").</summary>
    public string? Name { get; init; }
    public int? Start { get; init; }
    public int? End { get; init; }
    /// <summary>The resolved entity id when the source is a named or pronoun-linked entity.</summary>
    public string? Entity { get; init; }
    /// <summary>The reporting verb or phrase ("said", "According to", "information leaked").</summary>
    public SpanRef? Cue { get; init; }
    /// <summary>The source this one cites ("telegram channels, citing verified sources").</summary>
    public ClaimSource? Via { get; init; }
    /// <summary>Further sources of the same statement ("his press service and the attending doctors").</summary>
    public IReadOnlyList<ClaimSource>? Also { get; init; }
}

/// <summary>
/// Something the text says happened: a detention, charge, conviction, sentence, asset recovery, tenure,
/// casualties… with its participants, time, place, attributes, evidence spans and the claim it comes from.
/// </summary>
public sealed record Event : ISpanned
{
    /// <summary>"v1", "v2"… in order of first mention.</summary>
    public required string Id { get; init; }
    /// <summary>One of <see cref="EventTypes"/>.</summary>
    public required string Type { get; init; }
    /// <summary>The first evidence span (the event's first mention).</summary>
    public required int Start { get; init; }
    public required int End { get; init; }
    /// <summary>The word that states the event ("detained", "sentenced", "recovered").</summary>
    public required SpanRef Trigger { get; init; }
    public EventTime? Time { get; init; }
    /// <summary>The place: a LOC entity id and its name as written.</summary>
    public EventParticipant? Place { get; init; }
    public required IReadOnlyList<EventParticipant> Participants { get; init; }
    public EventAttributes? Attributes { get; init; }
    /// <summary>Every span the event was built from (each mention of it, and where its arguments came from).</summary>
    public required IReadOnlyList<SpanRef> Evidence { get; init; }
    /// <summary>Who says it happened and how surely: the source kind and certainty of the claim that holds its first mention.</summary>
    public required EventSource Source { get; init; }
    /// <summary>True when every claim stating it comes from anonymous sources, a leak, social media or nobody named.</summary>
    public bool? Unverified { get; init; }
}

/// <summary>
/// A participant of an event: role, the entity (when resolved), the words as written at [Start, End) ("He"),
/// and the entity's canonical name when it differs from those words ("Sergei Volkov").
/// </summary>
public sealed record EventParticipant(string Role, string? Entity, string Text, int Start, int End, string? EntityName = null)
{
    /// <summary>What to call the participant in a summary: the entity's name, else the words.</summary>
    [JsonIgnore]
    public string Label => EntityName ?? Text;
}

/// <summary>An event's time from the times layer: ISO value and granularity as the text gives them.</summary>
/// <remarks><c>After</c> is set when the text gives the date relative to another ("two days later"): the date it counts from.</remarks>
public sealed record EventTime(string? Value, string Granularity, int Start, int End, string? Mod = null, string? After = null);

/// <summary>The claim an event comes from: its span, source kind and certainty.</summary>
public sealed record EventSource(string Kind, string Certainty, int ClaimStart, int ClaimEnd);

/// <summary>Typed attributes of an event; only those that apply are set.</summary>
public sealed record EventAttributes
{
    /// <summary>Sentence term as ISO 8601 duration ("P18Y"), or "life".</summary>
    public string? Term { get; init; }
    public double? TermYears { get; init; }
    /// <summary>imprisonment | suspended | life | fine | restricted_freedom.</summary>
    public string? SentenceType { get; init; }
    public bool? Confiscation { get; init; }
    /// <summary>What was taken away besides the term ("ranks", "state awards").</summary>
    public IReadOnlyList<string>? StrippedOf { get; init; }
    /// <summary>Money of the event: each amount with its currency and span; an amount in brackets after another is its conversion.</summary>
    public IReadOnlyList<EventAmount>? Amounts { get; init; }
    /// <summary>Casualties: killed | injured | detained.</summary>
    public string? Counted { get; init; }
    public double? Count { get; init; }
    public bool? AtLeast { get; init; }
    public bool? Approximate { get; init; }
    /// <summary>Casualties: "including 19 representatives of law enforcement agencies".</summary>
    public IReadOnlyList<EventSubgroup>? Including { get; init; }
    /// <summary>Charges and convictions: the legal references (ids are the spans' starts in legal_refs).</summary>
    public IReadOnlyList<EventLegalRef>? LegalRefs { get; init; }
    /// <summary>Tenure, appointment, dismissal: the role and its from/to.</summary>
    public string? Role { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    /// <summary>Charges and convictions: the offences as written ("treason, forcible seizure of power").</summary>
    public string? Offences { get; init; }
    /// <summary>Search: what was found; flight: where to.</summary>
    public string? Found { get; init; }
    public string? Destination { get; init; }
}

public sealed record EventAmount(double? Value, string? Currency, string Text, int Start, int End, bool? Conversion = null, bool? AtLeast = null, bool? Approximate = null);

public sealed record EventSubgroup(double? Count, string Text, int Start, int End);

public sealed record EventLegalRef(string Article, string? Part, string? Paragraph, string? Code, string Text, int Start, int End);

/// <summary>One line of the timeline: an event at its time, ordered; undated events come last.</summary>
public sealed record TimelineEntry(string Event, string Type, string? Time, string? Granularity, string Summary, string? Document = null, string? Mod = null);

/// <summary>The event types Casefile extracts (data/lexicons/event-triggers.tsv; docs/events.md).</summary>
public static class EventTypes
{
    public static readonly IReadOnlyList<string> All =
    [
        "detention", "charge", "conviction", "sentence", "asset_recovery", "appointment", "dismissal", "tenure", "protest",
        "casualties", "emergency", "deployment", "withdrawal", "search", "flight", "payment",
    ];
}

/// <summary>
/// The result of one consistency check: what was checked, whether it holds, a message that spells out the
/// reasoning, the spans it rests on and the outside facts it used.
/// </summary>
public sealed record Finding
{
    /// <summary>fx-conversion, arithmetic, age-at-release, age-at-date, date-order, name-variants, cross-document, unsupported-claim.</summary>
    public required string Check { get; init; }
    /// <summary>consistent | inconsistent | unverifiable.</summary>
    public required string Status { get; init; }
    /// <summary>error (the text contradicts itself or a fact) | warning | info.</summary>
    public required string Severity { get; init; }
    public required string Message { get; init; }
    public required IReadOnlyList<SpanRef> Evidence { get; init; }
    public IReadOnlyList<FindingFact>? Facts { get; init; }
    /// <summary>For cross-document findings: the other document and its evidence.</summary>
    public string? OtherDocument { get; init; }
    public IReadOnlyList<SpanRef>? OtherEvidence { get; init; }
}

/// <summary>An outside fact a finding used: where it comes from (file and row) and what it says.</summary>
public sealed record FindingFact(string Source, string Statement);

/// <summary>The source kinds of the JSON contract.</summary>
public static class SourceKinds
{
    public const string Official = "official";
    public const string Court = "court";
    public const string Authority = "authority";
    public const string Party = "party";
    public const string Expert = "expert";
    public const string Media = "media";
    public const string SocialMedia = "social_media";
    public const string Anonymous = "anonymous";
    public const string Leak = "leak";
    public const string Author = "author";
    public const string Unattributed = "unattributed";

    public static readonly IReadOnlyList<string> All =
        [Official, Court, Authority, Party, Expert, Media, SocialMedia, Anonymous, Leak, Author, Unattributed];
}

/// <summary>The certainty values of the JSON contract.</summary>
public static class Certainties
{
    public const string Asserted = "asserted";
    public const string Reported = "reported";
    public const string Hedged = "hedged";
    public const string Conditional = "conditional";
    public const string Questioned = "questioned";
    public const string Denied = "denied";

    public static readonly IReadOnlyList<string> All = [Asserted, Reported, Hedged, Conditional, Questioned, Denied];
}

/// <summary>One timeline across the documents of a corpus (<c>casefile timeline -f json</c>).</summary>
public sealed record TimelineFile
{
    [JsonPropertyName("casefile")]
    public string Version { get; init; } = "1";
    public required IReadOnlyList<DocumentInfo> Documents { get; init; }
    public required IReadOnlyList<TimelineEntry> Timeline { get; init; }
}

/// <summary>The cross-document entity table of a corpus (<c>casefile entities</c>).</summary>
public sealed record CorpusFile
{
    [JsonPropertyName("casefile")]
    public string Version { get; init; } = "1";
    public required IReadOnlyList<DocumentInfo> Documents { get; init; }
    public required IReadOnlyList<Casefile.Resolution.CorpusEntity> Entities { get; init; }
}
