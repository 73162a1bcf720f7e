using System.Collections.Immutable;
using System.Globalization;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Events;

/// <summary>
/// Finds the events of one document. Per sentence: trigger words (event-triggers.tsv) outside names and
/// outside denied, conditional or questioned claims and future or hypothetical phrasing; for each, the key
/// participant (the object of an active verb, the subject of a passive one or of an intransitive one, the
/// person after "to"), a group when the participant is "they" or "two of his aides" (the names
/// listed in this or the two sentences before), time and place from the same sentence, and the attributes
/// of its type (terms, amounts, counts, legal references, what was found). Tenures come from entity
/// roles with a time range. Restatements merge: same type and participant, compatible attributes.
/// </summary>
internal sealed partial class EventFinder : TokenView
{
    /// <summary>Event ids start after this number (a later window of a large document).</summary>
    public int IdOffset { get; init; }

    private Claim?[]? _claimAtToken;

    private static readonly HashSet<string> BeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "got",
    };

    private static readonly HashSet<string> Adverbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "also", "later", "then", "subsequently", "reportedly", "allegedly", "previously", "already", "eventually", "immediately",
        "quickly", "secretly", "briefly", "officially", "formally", "finally", "not", "never", "all",
    };

    /// <summary>Words before a trigger that make it not (yet) an event: "will be sentenced", "could face", "plans to appeal".</summary>
    private static readonly HashSet<string> NotYet = new(StringComparer.OrdinalIgnoreCase)
    {
        "will", "would", "could", "might", "may", "faces", "face", "facing", "plans", "plan", "intends", "expected", "threatened",
        "risk", "risks", "not", "never", "avoid", "avoided", "if", "unless", "whether", "wants", "sought", "seeks", "asked",
    };

    private static readonly HashSet<string> GroupWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "they", "them", "deputies", "defendants", "suspects", "men", "women", "officials", "officers", "accused", "all", "both",
        "employees", "activists", "managers", "executives", "directors", "members", "brothers", "journalists", "three", "two", "four",
    };

    private static readonly HashSet<string> ForceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "force", "forces", "troops", "units", "unit", "soldiers", "military", "peacekeepers", "contingent", "battalion", "battalions", "army", "team",
        "rescuers",
    };

    private readonly ImmutableArray<LegalRef> _legalRefs;
    private readonly ImmutableArray<Claim> _claims;
    private readonly List<Draft> _drafts = [];
    private List<Draft> _sentenceDrafts = [];

    public EventFinder(string text, ImmutableArray<Token> tokens, ImmutableArray<Sentence> sentences, ImmutableArray<Mention> mentions,
        ImmutableArray<Entity> entities, ImmutableArray<Quantity> quantities, ImmutableArray<TimeExpression> times,
        ImmutableArray<LegalRef> legalRefs, ImmutableArray<Claim> claims)
        : base(text, tokens, sentences, mentions, entities, quantities, times)
    {
        _legalRefs = legalRefs;
        _claims = claims;
    }

    /// <summary>An event in the making.</summary>
    private sealed class Draft
    {
        public required string Type { get; init; }
        public required int T0 { get; init; }
        public required int T1 { get; init; }
        public required int Sentence { get; init; }
        public List<EventParticipant> Participants { get; } = [];
        public EventParticipant? Place { get; set; }
        public TimeExpression? Time { get; set; }
        public string? Term { get; set; }
        public double? TermYears { get; set; }
        public string? SentenceType { get; set; }
        public bool Confiscation { get; set; }
        public List<string> StrippedOf { get; } = [];
        public List<EventAmount> Amounts { get; } = [];
        public string? Counted { get; set; }
        public double? Count { get; set; }
        public bool AtLeast { get; set; }
        public bool Approximate { get; set; }
        public List<EventSubgroup> Including { get; } = [];
        public List<EventLegalRef> LegalRefs { get; } = [];
        public string? Offences { get; set; }
        public string? Role { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        public string? Found { get; set; }
        public string? Destination { get; set; }
        public List<SpanRef> Evidence { get; } = [];
        public List<Claim> Claims { get; } = [];

        // What Evidence and Claims hold, for merging restatements without list scans. Both lists only grow, so the
        // sets catch up from the count they had seen.
        private readonly HashSet<SpanRef> _evidenceSet = [];
        private readonly HashSet<Claim> _claimSet = [];
        private int _evidenceSeen;
        private int _claimsSeen;

        /// <summary>Adds what <paramref name="other"/> has and this draft lacks, in order.</summary>
        public void TakeEvidenceAndClaims(Draft other)
        {
            TakeNew(Evidence, _evidenceSet, ref _evidenceSeen, other.Evidence);
            TakeNew(Claims, _claimSet, ref _claimsSeen, other.Claims);
        }

        private static void TakeNew<T>(List<T> list, HashSet<T> set, ref int seen, List<T> from)
        {
            for (; seen < list.Count; seen++)
            {
                set.Add(list[seen]);
            }

            foreach (var item in from)
            {
                if (set.Add(item))
                {
                    list.Add(item);
                    seen++;
                }
            }
        }
        public bool Removed { get; set; }

        /// <summary>Stated by a verb of the act ("was detained", "placed under house arrest"), not a noun or a state ("his arrest", "remains in custody").</summary>
        public bool Fresh { get; set; }

        public EventParticipant? Key => Participants.Count > 0 ? Participants[0] : null;
    }

    public ImmutableArray<Event> Run()
    {
        for (var s = 0; s < Sentences.Length; s++)
        {
            AnalysisBudget.ThrowIfExceeded();
            var s0 = TokenAt(Sentences[s].Start);
            var s1 = TokenAt(Sentences[s].End);
            if (s0 < s1)
            {
                Sentence(s, s0, s1);
            }
        }

        Tenures();
        Merge();
        return Build();
    }

    private void Sentence(int s, int s0, int s1)
    {
        var found = new List<Draft>();
        _sentenceDrafts = found;
        for (var t = s0; t < s1; t++)
        {
            if (MentionAt[t] is { Kind: null } || !EventRecognizer.Triggers.TryMatch(Text, Tokens.AsSpan(), t, out var trigger, out var end))
            {
                continue;
            }

            // "authorised his arrest in absentia" is not a detention.
            if (trigger.Type == "detention" && Enumerable.Range(end, Math.Max(0, Math.Min(s1, end + 3) - end)).Any(k => WordIs(k, "absentia")))
            {
                t = end - 1;
                continue;
            }

            // "asked the court to sentence him", "moved to arrest her": an intention, not an event; nor is an
            // "arrest warrant".
            // ("to protest against …" still reports a protest).
            // "voted to remove X" reports the decision taken.
            if ((t > s0 && WordIs(t - 1, "to") && !(t > s0 + 1 && WordIs(t - 2, "voted")) && (trigger.Participant != "none" || trigger.Type == "sentence"))
                || (WordIs(t, "arrest") && WordIs(end, "warrant")))
            {
                t = end - 1;
                continue;
            }

            var claim = ClaimAt(t);
            // What a claim denies comes after its denial word; "X, who held the post since 2020, denies …" still held it.
            // A denial word in what is reported ("reports that X was arrested were untrue") denies the whole claim.
            var denied = claim?.Certainty == Certainties.Denied
                && (claim.CertaintyCue is null || claim.CertaintyCue != claim.Source.Cue || Tokens[t].Start >= claim.CertaintyCue.Start);
            if (denied || claim?.Certainty is Certainties.Conditional or Certainties.Questioned || NotYetBefore(t, s0))
            {
                t = end - 1;
                continue;
            }

            // Arguments are looked for within 60 tokens of the trigger, so a run-on "sentence" stays linear.
            var w0 = Math.Max(s0, t - 60);
            var w1 = Math.Min(s1, end + 60);
            // "was lifted" ends a state of emergency only when one is spoken of here or in the sentence before.
            if (WordIs(t, "lifted") && !Enumerable.Range(Math.Max(0, TokenAt(Sentences[Math.Max(0, s - 1)].Start)), Math.Max(0, s1 - TokenAt(Sentences[Math.Max(0, s - 1)].Start)))
                    .Any(k => Word(k).ToLowerInvariant() is "emergency" or "curfew"))
            {
                t = end - 1;
                continue;
            }

            // "has been director of … since 2018" is a tenure; "has been in custody since …" is not; "became head of"
            // is an appointment, "became public" is not.
            if ((WordIs(end - 1, "been") || WordIs(t, "became")) && !IsRoleAhead(end, s1))
            {
                t = end - 1;
                continue;
            }

            // "strike leaders", "protest organisers": people named by the action, not the action itself.
            if (trigger.Type == "protest" && end < s1 && Word(end).ToLowerInvariant() is "leaders" or "leader" or "organisers" or "organizers" or "committee")
            {
                t = end - 1;
                continue;
            }

            // The noun "dismissal" states one only as the end of a period ("until his dismissal in May 2021"); "called
            // for his dismissal" does not.
            if (trigger.Type == "dismissal" && trigger.Participant == "none"
                && !(t >= s0 + 2 && Word(t - 2).ToLowerInvariant() is "until" or "after" or "since" or "before" or "following"))
            {
                t = end - 1;
                continue;
            }

            if (trigger.Type == "tenure" && !RangeIn(w0, w1))
            {
                t = end - 1;
                continue;
            }

            var draft = trigger.Type switch
            {
                "casualties" => Casualties(t, end, s, w0, w1),
                "detention" when CountBefore(t, w0) is { } count && !IsGroupReference(count) => Casualties(t, end, s, w0, w1),
                // "Police detained 15 strike leaders": a count of people nobody names is a casualty figure.
                "detention" when end < w1 && StartingIn(Quantities, Tokens[end].Start, Tokens[end].Start + 1).Any(x => x.Kind == QuantityKinds.Count)
                    && Participants(trigger.Participant, t, end, s, w0, w1).Count == 0 => Casualties(t, end, s, w0, w1),
                "asset_recovery" => AssetRecovery(t, end, s, w0, w1, trigger.Participant),
                "protest" or "emergency" => [New(trigger.Type, t, end, s)],
                "deployment" or "withdrawal" => Troops(trigger.Type, t, end, s, w0, w1),
                _ => PersonEvent(trigger, t, end, s, w0, w1),
            };
            if (draft is null)
            {
                t = end - 1;
                continue;
            }

            var fresh = (trigger.Participant != "none" && !WordIs(t, "in"))
                || Enumerable.Range(Math.Max(s0, t - 4), t - Math.Max(s0, t - 4)).Any(k => Word(k).ToLowerInvariant() is "placed" or "put");
            foreach (var d in draft)
            {
                d.Fresh = fresh;
                d.Evidence.Add(new SpanRef(Tokens[t].Start, Tokens[end - 1].End));
                if (claim is not null)
                {
                    d.Claims.Add(claim);
                }

                d.Time ??= TimeNear(t, w0, w1) ?? SameDay(w0, w1) ?? DaysLater(w0, w1);
                d.Place ??= PlaceNear(t, w0, w1);

                // Where a riot, a state of emergency or casualties happened may be named a sentence or two before.
                if (d.Place is null && d.Type is "casualties" or "protest" or "emergency"
                    && !Enumerable.Range(w0, w1 - w0).Any(k => Word(k).ToLowerInvariant() is "country" or "nationwide" or "countrywide"))
                {
                    d.Place = PlaceBefore(s0);
                }

                found.Add(d);
            }

            t = end - 1;
        }

        // "A second charge under part 2 of Article 190 was later added": legal references
        // in a sentence about a charge with no event of its own go to the last conviction or charge.
        if (found.Count == 0 && Enumerable.Range(s0, s1 - s0).Any(t => Word(t).ToLowerInvariant() is "charge" or "charges" or "conviction" or "verdict"))
        {
            var last = _drafts.LastOrDefault(d => d.Type is "conviction" or "charge");
            if (last is not null)
            {
                AddLegalRefs(last, s0, s1);
            }
        }

        // "Both were also stripped of their police ranks": extras of the sentences just given.
        for (var t = s0; t + 1 < s1; t++)
        {
            if (WordIs(t, "stripped") && WordIs(t + 1, "of"))
            {
                var what = Phrases(t + 2, s1);
                foreach (var d in _drafts.Concat(found).Where(d => d.Type == "sentence" && d.Sentence >= s - 2))
                {
                    d.StrippedOf.AddRange(what.Where(w => !d.StrippedOf.Contains(w)));
                    d.Evidence.Add(new SpanRef(Tokens[t].Start, Tokens[s1 - 1].End));
                }
            }
        }

        _drafts.AddRange(found);
    }

    private static readonly HashSet<string> PersonNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "official", "man", "woman", "director", "officer", "mayor", "businessman", "businesswoman", "manager", "clerk", "accountant",
        "politician", "lawmaker", "judge", "doctor", "teacher", "driver", "employee", "executive", "banker", "councillor", "minister",
    };

    /// <summary>"A former council official was jailed": an unnamed person as the subject right before the verb.</summary>
    private bool DescribedPersonBefore(int t, int s0)
    {
        // "A former housing manager at Westmere Borough Council has been jailed": an unnamed person opens the sentence.
        if (Word(s0).ToLowerInvariant() is "a" or "an" && Enumerable.Range(s0, Math.Min(7, t - s0)).Any(k => PersonNouns.Contains(Word(k)))
            && !Enumerable.Range(s0, t - s0).Any(k => MentionAt[k] is { Type: "PER" }))
        {
            return true;
        }

        // "The driver, a 38-year-old resident of Zhelsay, was detained": a person named only by a noun opens the sentence.
        if (WordIs(s0, "the") && s0 + 1 < t && PersonNouns.Contains(Word(s0 + 1)) && WordIs(s0 + 2, ",")
            && !Enumerable.Range(s0, t - s0).Any(k => MentionAt[k] is { Type: "PER" or "ORG" }))
        {
            return true;
        }

        for (var k = t - 1; k >= s0 && k >= t - 4; k--)
        {
            if (PersonNouns.Contains(Word(k)))
            {
                return true;
            }

            if (!BeWords.Contains(Word(k)) && !Adverbs.Contains(Word(k)))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// "two days later", "the next day", "the following day": the date of the last event with a day, moved on.
    /// The result is not in the times layer; the event's time says what it was counted from (<c>after</c>).
    /// </summary>
    private TimeExpression? DaysLater(int s0, int s1)
    {
        for (var k = s0; k + 1 < s1; k++)
        {
            int? days = null;
            var last = k;
            if (Word(k).ToLowerInvariant() is "next" or "following" && WordIs(k + 1, "day"))
            {
                (days, last) = (1, k + 1);
            }
            else if (k + 2 < s1 && WordIs(k + 1, "days") && WordIs(k + 2, "later"))
            {
                days = Word(k).ToLowerInvariant() switch { "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, _ => int.TryParse(Word(k), out var n) && n < 60 ? n : null };
                last = k + 2;
            }
            else if (Word(k).ToLowerInvariant() is "a" or "one" && WordIs(k + 1, "day") && k + 2 < s1 && WordIs(k + 2, "later"))
            {
                (days, last) = (1, k + 2);
            }

            // "The following day the president declared …, and units were sent": the day counted once for the sentence.
            if (days is not null && _sentenceDrafts.FirstOrDefault(d => d.Time is { } x && x.Start == Tokens[k].Start) is { } counted)
            {
                return counted.Time;
            }

            if (days is null || _drafts.Concat(_sentenceDrafts).LastOrDefault(d => d.Time is { Granularity: "day", Value: { } v } && v[0] != 'X') is not { } from)
            {
                continue;
            }

            var baseDate = DateOnly.ParseExact(from.Time!.Value![..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (SafeDates.AddDays(baseDate, days.Value) is not { } date)
            {
                continue;
            }

            return new TimeExpression
            {
                Start = Tokens[k].Start, End = Tokens[last].End, Text = Slice(k, last + 1),
                Value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Granularity = "day", Anchor = "relative", AnchorSpan = new SpanRef(from.Time.Start, from.Time.End),
            };
        }

        return null;
    }

    /// <summary>"the same day", "that evening": the date of the last event with a day.</summary>
    private TimeExpression? SameDay(int s0, int s1)
    {
        for (var k = s0; k + 1 < s1; k++)
        {
            // "at the end of the day": the day of the last event too.
            if ((Word(k).ToLowerInvariant() is "same" or "that" && Word(k + 1).ToLowerInvariant() is "day" or "evening" or "night" or "morning" or "afternoon")
                || (WordIs(k, "end") && WordIs(k + 1, "of") && WordIs(k + 2, "the") && WordIs(k + 3, "day")))
            {
                return _drafts.Concat(_sentenceDrafts).LastOrDefault(d => d.Time is { Granularity: "day" })?.Time;
            }
        }

        return null;
    }

    private static readonly HashSet<string> RoleNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "director", "head", "chairman", "chairwoman", "chair", "mayor", "governor", "minister", "president", "chief", "manager", "judge",
        "prosecutor", "ambassador", "secretary", "commissioner", "deputy", "member", "superintendent", "rector", "editor", "owner",
    };

    /// <summary>A role noun right after "has been" (after an optional article): "has been (the) director of …".</summary>
    private bool IsRoleAhead(int end, int s1)
    {
        var k = end;
        if (k < s1 && Word(k).ToLowerInvariant() is "the" or "a" or "an")
        {
            k++;
        }

        return k < s1 && RoleNouns.Contains(Word(k));
    }

    /// <summary>A period or an open range in the sentence: "from 2014 to 2020", "since 2019", "until March".</summary>
    private bool RangeIn(int s0, int s1)
    {
        var a = Tokens[s0].Start;
        var b = Tokens[s1 - 1].End;
        return StartingIn(Times, a, b).Any(x => x.End <= b && (x.Granularity == "period" || x.Value?.Contains('/') == true
            || Word(TokenAt(x.Start) - 1).ToLowerInvariant() is "since" or "until" or "till"));
    }

    private bool NotYetBefore(int t, int s0)
    {
        for (var k = t - 1; k >= s0 && k >= t - 3; k--)
        {
            if (NotYet.Contains(Word(k)))
            {
                return true;
            }

            if (!BeWords.Contains(Word(k)) && !Adverbs.Contains(Word(k)) && !WordIs(k, "to") && !WordIs(k, "be"))
            {
                break;
            }
        }

        return false;
    }

    private Claim? ClaimAt(int t)
    {
        // The shortest claim covering each token, computed once: each claim marks its own tokens, so the cost is the
        // claims' length (claims nest a level or two), not claims times triggers.
        if (_claimAtToken is null)
        {
            _claimAtToken = new Claim?[Tokens.Length];
            foreach (var c in _claims)
            {
                for (var k = TokenAt(c.Start); k < Tokens.Length && Tokens[k].Start < c.End; k++)
                {
                    if (_claimAtToken[k] is not { } known || c.End - c.Start < known.End - known.Start)
                    {
                        _claimAtToken[k] = c;
                    }
                }
            }
        }

        return _claimAtToken[t];
    }

    // ---- per type ----

    private List<Draft>? PersonEvent(TriggerEntry trigger, int t, int end, int s, int s0, int s1)
    {
        var isNoun = trigger.Participant == "none";
        var people = isNoun ? NounParticipant(t, end, s0, s1) : Participants(trigger.Participant, t, end, s, s0, s1);

        // Detentions, charges, convictions, sentences and flights happen to people, not to organisations.
        if (trigger.Type is "detention" or "charge" or "conviction" or "sentence" or "flight")
        {
            people = [.. people.Where(p => p.Entity is null || Entities.FirstOrDefault(e => e.Id == p.Entity)?.Type != "ORG")];
        }

        // "A former council official was jailed for seven years. Paul Hendry, 52, was convicted …": a described
        // person is named at the start of the next sentence.
        var unnamed = people.Count == 0 && trigger.Participant is "object" or "subject" && DescribedPersonBefore(t, s0);
        if (unnamed && s + 1 < Sentences.Length && MentionAt[TokenAt(Sentences[s + 1].Start)] is { Type: "PER", Kind: null } next)
        {
            people = [Participant(next)];
            unnamed = false;
        }

        // "A and B were detained on … and fined …", "was detained … and served with a notice of suspicion": the
        // second verb shares the first one's people.
        if (people.Count == 0 && Enumerable.Range(Math.Max(s0, t - 4), t - Math.Max(s0, t - 4)).LastOrDefault(k => WordIs(k, "and"), -1) is var join and >= 0
            && !Enumerable.Range(join, t - join).Any(k => MentionAt[k] is not null || Tokens[k].Kind != TokenKind.Word)
            && _sentenceDrafts.LastOrDefault(d => d.Key is not null) is { } previous)
        {
            people = [.. _sentenceDrafts.Where(d => d.T0 == previous.T0).Select(d => d.Key!)];
            unnamed = false;
        }

        // "The driver … was detained": one person the text does not name.
        if (people.Count == 0 && unnamed && trigger.Type == "detention")
        {
            return [New(trigger.Type, t, end, s)];
        }

        if (people.Count == 0 && trigger.Type is "detention" or "charge" or "conviction" or "search" or "flight" or "appointment" or "dismissal")
        {
            return null;
        }

        var role = trigger.Type switch
        {
            "detention" => "detainee",
            "charge" => "defendant",
            "conviction" or "sentence" => "convict",
            "appointment" or "dismissal" => "person",
            "search" => "searched",
            "flight" => "person",
            "payment" => "payer",
            "tenure" => "holder",
            _ => "participant",
        };

        var drafts = new List<Draft>();
        var terms = trigger.Type == "sentence" ? Terms(end, s0, s1) : [];

        // "upheld a life sentence for X", "an 8-year prison sentence": the term stands before the noun; a noun
        // "sentence" with nobody it is for is not an event ("the sentence reflected …").
        if (trigger.Type == "sentence" && isNoun)
        {
            if (people.Count == 0)
            {
                return null;
            }

            var before = StartingIn(Quantities, Tokens[Math.Max(s0, t - 4)].Start, Tokens[t].Start).Where(q => q.Kind == QuantityKinds.Duration && q.End <= Tokens[t].Start).ToList();
            if (before.Count > 0 && terms.Count == 0)
            {
                terms = [before[^1]];
            }
            else if (terms.Count == 0 && t > 0 && WordIs(t - 1, "life"))
            {
                terms = [new Quantity { Start = Tokens[t - 1].Start, End = Tokens[t - 1].End, Text = Word(t - 1), Kind = QuantityKinds.Duration, Unit = "life" }];
            }
        }

        // "received a bribe" is not a sentence: "received" and "was given" need a term.
        if (trigger.Type == "sentence" && (trigger.Participant == "subject" || WordIs(t, "handed")) && terms.Count == 0
            && !Enumerable.Range(end, Math.Max(0, Math.Min(s1, end + 5) - end)).Any(k => Word(k).ToLowerInvariant() is "sentence" or "sentences" or "fine" or "term"))
        {
            return null;
        }

        // "They were jailed for 9, 7 and 2 years": one term each, in list order.
        if (terms.Count > 1 && people.Count == terms.Count)
        {
            for (var i = 0; i < people.Count; i++)
            {
                var d = New(trigger.Type, t, end, s);
                d.Participants.Add(people[i] with { Role = role });
                SetTerm(d, terms[i]);
                drafts.Add(d);
            }
        }
        else if (people.Count == 0 && terms.Count > 1)
        {
            // "two of his aides, who got 9 and 7 years": the same terms given before are a restatement.
            foreach (var q in terms)
            {
                var d = New(trigger.Type, t, end, s);
                SetTerm(d, q);
                drafts.Add(d);
            }
        }
        else if (people.Count == 1 && terms.Count > 1 && Enumerable.Range(end, Math.Max(0, s1 - end)).Any(k => WordIs(k, "from")))
        {
            // "reduced the sentence of X from 10 years to eight years": both terms were his.
            foreach (var q in terms)
            {
                var d = New(trigger.Type, t, end, s);
                d.Participants.Add(people[0] with { Role = role });
                SetTerm(d, q);
                drafts.Add(d);
            }
        }
        else
        {
            foreach (var p in people.Count == 0 ? new List<EventParticipant?> { null } : people.Cast<EventParticipant?>())
            {
                var d = New(trigger.Type, t, end, s);
                if (p is not null)
                {
                    d.Participants.Add(p with { Role = role });
                }

                if (terms.Count == 1 || (terms.Count > 0 && people.Count <= 1))
                {
                    SetTerm(d, terms[0]);
                }

                drafts.Add(d);
            }
        }

        foreach (var d in drafts)
        {
            Attributes(d, trigger, t, end, s0, s1);
        }

        // "Their predecessors, A and B, were dismissed": the posts of the people appointed just before, in order.
        if (trigger.Type is "appointment" or "dismissal" && Enumerable.Range(s0, t - s0).Any(k => Word(k).ToLowerInvariant() is "predecessor" or "predecessors"))
        {
            var other = trigger.Type == "dismissal" ? "appointment" : "dismissal";
            var posts = _drafts.Where(d => d.Type == other && d.Sentence >= s - 1 && d.Sentence < s)
                .Select(d => d.Participants.FirstOrDefault(p => p.Role == "organisation")).ToList();
            if (posts.Count == drafts.Count && posts.All(p => p is not null))
            {
                for (var i = 0; i < drafts.Count; i++)
                {
                    drafts[i].Participants.RemoveAll(p => p.Role == "organisation");
                    drafts[i].Participants.Add(posts[i]!);
                }
            }
        }

        if (trigger.Type == "tenure")
        {
            foreach (var d in drafts)
            {
                Range(d, end, s1);
            }
        }

        // "A and B were detained on March 11 and March 14 respectively", "fined 2,000 and 5,000 lari".
        if (drafts.Count > 1 && drafts.All(d => d.Key is not null))
        {
            var clauseEnd = Tokens[ClauseEnd(end, s1) - 1].End;
            var respectively = Enumerable.Range(end, Math.Max(0, s1 - end)).FirstOrDefault(k => WordIs(k, "respectively"));
            if (respectively > 0)
            {
                clauseEnd = Tokens[respectively].Start;
            }

            var times = StartingIn(Times, Tokens[t].Start + 1, clauseEnd).Where(x => x.End <= clauseEnd && x.Value is not null).ToList();
            if (times.Count == drafts.Count)
            {
                for (var i = 0; i < drafts.Count; i++)
                {
                    drafts[i].Time = times[i];
                }
            }

            // "A and B were appointed to head the State Customs Committee and the Tax Service respectively".
            if (respectively > 0 && trigger.Type is "appointment" or "dismissal")
            {
                var bodies = Mentions.Where(m => m.Type == "ORG" && m.Kind is null && m.Start > Tokens[t].Start && m.End <= Tokens[respectively].Start).ToList();
                if (bodies.Count == drafts.Count)
                {
                    for (var i = 0; i < drafts.Count; i++)
                    {
                        drafts[i].Participants.RemoveAll(p => p.Role == "organisation");
                        drafts[i].Participants.Add(Participant(bodies[i]) with { Role = "organisation" });
                    }
                }
            }

            if (drafts.All(d => d.Amounts.Count == drafts[0].Amounts.Count) && drafts[0].Amounts.Count(m => m.Conversion != true) == drafts.Count)
            {
                var amounts = drafts[0].Amounts.Where(m => m.Conversion != true).ToList();
                for (var i = 0; i < drafts.Count; i++)
                {
                    drafts[i].Amounts.Clear();
                    drafts[i].Amounts.Add(amounts[i]);
                }
            }
        }

        return drafts;
    }

    private Draft New(string type, int t, int end, int s) => new() { Type = type, T0 = t, T1 = end, Sentence = s };

    private void SetTerm(Draft d, Quantity q)
    {
        d.Term = q.Iso ?? (q.Unit == "life" ? "life" : null);

        // "seven and a half years" is P7Y6M, the form courts and annotators write.
        if (q.Unit == "year" && q.Value is { } years && years != Math.Floor(years))
        {
            d.Term = string.Create(CultureInfo.InvariantCulture, $"P{Math.Floor(years):0}Y{Math.Round((years - Math.Floor(years)) * 12):0}M");
        }
        d.TermYears = q.Unit switch
        {
            "year" => q.Value is { } v ? Math.Round(v, 2) : null,
            "month" => q.Value is { } v ? Math.Round(v / 12, 2) : null,
            _ => null,
        };
        d.SentenceType ??= d.Term == "life" ? "life" : "imprisonment";
        d.Evidence.Add(new SpanRef(q.Start, q.End));
    }

    /// <summary>The sentence terms after a trigger: durations, or "life".</summary>
    private List<Quantity> Terms(int end, int s0, int s1)
    {
        var from = Tokens[end - 1].End;
        var to = Tokens[s1 - 1].End;
        var list = StartingIn(Quantities, from, to).Where(q => q.Kind == QuantityKinds.Duration && q.End <= to).ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            // "three years and four months" is one term: P3Y4M.
            var between = Text[list[i - 1].End..list[i].Start].Trim();
            if (between is "and" or "," && list[i - 1].Unit == "year" && list[i].Unit == "month" && list[i - 1].Iso is { } y && list[i].Iso is { } m)
            {
                list[i - 1] = list[i - 1] with { End = list[i].End, Text = Text[list[i - 1].Start..list[i].End], Iso = y + m[1..], Value = list[i - 1].Value + list[i].Value / 12 };
                list.RemoveAt(i);
            }
        }

        if (list.Count == 0)
        {
            for (var k = end; k < s1; k++)
            {
                if (WordIs(k, "life") && (WordIs(k + 1, "imprisonment") || WordIs(k + 1, "sentence") || WordIs(k - 1, "to") || WordIs(k + 1, "in")))
                {
                    list.Add(new Quantity { Start = Tokens[k].Start, End = Tokens[k].End, Text = Word(k), Kind = QuantityKinds.Duration, Unit = "life" });
                    break;
                }
            }
        }

        return list;
    }

    private void Attributes(Draft d, TriggerEntry trigger, int t, int end, int s0, int s1)
    {
        switch (d.Type)
        {
            case "sentence":
                for (var k = t; k < ClauseEnd(end, s1); k++)
                {
                    var w = Word(k).ToLowerInvariant();
                    if (w is "suspended" or "probation")
                    {
                        d.SentenceType = "suspended";
                    }
                    else if (w is "confiscation" or "confiscated" || (w == "forfeiture" && WordIs(k + 1, "of")))
                    {
                        d.Confiscation = true;
                    }
                    else if (w is "fine" or "fined" && d.Term is null)
                    {
                        d.SentenceType = "fine";
                    }
                }

                if (d.SentenceType == "fine" || (d.Term is null && WordIs(t, "fined")))
                {
                    AddMoney(d, end, s1);
                }

                break;
            case "charge" or "conviction":
                AddLegalRefs(d, s0, s1);
                d.Offences ??= Offences(end, s1);
                break;
            case "payment":
                // "who paid the bribe, was fined 2 million dram": a sum after the next event word is that event's.
                var stop = end;
                while (stop < s1 && !(stop > end && EventRecognizer.Triggers.TryMatch(Text, Tokens.AsSpan(), stop, out _, out _)))
                {
                    stop++;
                }

                if (stop > end)
                {
                    AddMoney(d, end, stop);
                }

                if (d.Amounts.Count == 0)
                {
                    // "A second payment of 15,000 dollars was wired by …": the sum before the verb.
                    AddMoney(d, s0, t);
                }

                // "paid the bribe", "the money was handed over": the sum named in the two sentences before.
                if (d.Amounts.Count == 0 && Enumerable.Range(Math.Max(s0, t - 3), Math.Min(s1, end + 3) - Math.Max(s0, t - 3))
                        .Any(k => WordIs(k, "the") && Word(k + 1).ToLowerInvariant() is "bribe" or "money" or "sum" or "payment" or "funds" or "cash"))
                {
                    var from = Sentences[Math.Max(0, d.Sentence - 2)].Start;
                    if (StartingIn(Quantities, from, Tokens[s0].Start).LastOrDefault(q => q.Kind == QuantityKinds.Money && q.End <= Tokens[s0].Start) is { } earlier)
                    {
                        d.Amounts.Add(new EventAmount(earlier.Value, earlier.Unit, earlier.Text, earlier.Start, earlier.End, null,
                            earlier.AtLeast ? true : null, earlier.Approximate ? true : null));
                        d.Evidence.Add(new SpanRef(earlier.Start, earlier.End));
                    }
                }

                var payee = trigger.Participant == "from" ? Participants("subject", t, end, d.Sentence, s0, s1).FirstOrDefault() : AfterWord("to", end, s1);
                if (payee is not null)
                {
                    d.Participants.Add(payee with { Role = "payee" });
                }

                break;
            case "search":
                d.Found ??= FoundIn(s0, s1);
                break;
            case "flight":
                d.Destination ??= AfterWord("to", end, s1, places: true)?.Text;
                break;
            case "appointment" or "dismissal":
                if (OrganisationIn(t, s0, s1, d.Key) is { } org)
                {
                    d.Participants.Add(org with { Role = "organisation" });
                }

                if (AfterWord("as", end, s1) is { } asRole)
                {
                    d.Role = asRole.Text;
                }

                break;
        }
    }

    /// <summary>
    /// The organisation or place of a post: the first organisation (or place: "mayor of Ashcombe", "ambassador to
    /// Japan") after the trigger in the sentence, else one before it, else the last organisation named in the two
    /// sentences before ("the company", "the ministry").
    /// </summary>
    private EventParticipant? OrganisationIn(int t, int s0, int s1, EventParticipant? person)
    {
        Mention? orgAfter = null, orgBefore = null, placeAfter = null, placedBody = null;
        for (var k = s0; k < s1; k++)
        {
            if (MentionAt[k] is not { Kind: null or MentionKinds.ShortForm } m || (person is not null && m.Start == person.Start))
            {
                continue;
            }

            if (m.Type == "ORG")
            {
                if (k > t)
                {
                    orgAfter ??= m;
                }
                else
                {
                    orgBefore ??= m;
                }
            }
            else if (m.Type == "LOC" && k > t && (Word(k - 1).ToLowerInvariant() is "of" or "to" || Word(k - 2).ToLowerInvariant() is "of" or "to"))
            {
                // "mayor of Ashcombe", "ambassador to Japan".
                placeAfter ??= m;
            }
            else if (m.Type != "ORG" && BodyAfter(TokenAt(m.End), s1, m.Type == "LOC" ? 3 : 1))
            {
                // "Eastfield council's finance director", "the Kumkala regional police", "the Tashbulak customs service": a
                // body named by its place and a noun; "the Kavkaz Energo company" when the tagger took the name for a person.
                placedBody ??= m;
            }

            k = TokenAt(m.End) - 1;
        }

        if ((orgAfter ?? placeAfter ?? orgBefore ?? placedBody) is { } found)
        {
            return Participant(found);
        }

        var sentence = SentenceIndex(Tokens[s0].Start);
        var from = sentence >= 2 ? Sentences[sentence - 2].Start : 0;
        var earlier = Mentions.LastOrDefault(x => x.Type == "ORG" && x.Kind is null && x.Start >= from && x.End <= Tokens[s0].Start
                && !IsCourtName(x))
            ?? Mentions.LastOrDefault(x => x.Type == "LOC" && x.Kind is null && x.Start >= from && x.End <= Tokens[s0].Start);
        return earlier is null ? null : Participant(earlier);
    }

    /// <summary>A noun naming a body within <paramref name="words"/> lowercase words from <paramref name="k"/>.</summary>
    private bool BodyAfter(int k, int s1, int words)
    {
        for (var j = k; j < s1 && j < k + words; j++)
        {
            if (Tokens[j].Kind != TokenKind.Word || !char.IsLower(Text[Tokens[j].Start]))
            {
                return false;
            }

            if (Word(j).ToLowerInvariant() is "council" or "ministry" or "department" or "police" or "office" or "authority" or "service" or "company"
                or "municipality" or "administration" or "hospital" or "port" or "post" or "committee" or "agency")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whose assets: "from X", "X's accounts", "of X", "held by X", "his property" — the first such name in the sentence.</summary>
    private EventParticipant? Owner(int t, int end, int s0, int s1, bool fromOnly = false)
    {
        // "confiscated 2.3 million lari and a house in the town of Zghvispiri from him": "from" names the owner
        // before any "of".
        if (!fromOnly && Owner(t, end, s0, s1, fromOnly: true) is { } from)
        {
            return from;
        }

        for (var k = end; k < s1; k++)
        {
            if ((fromOnly ? WordIs(k, "from") : Word(k).ToLowerInvariant() is "of" or "by" or "belonging") && k + 1 < s1)
            {
                if (GroupWords.Contains(Word(k + 1)))
                {
                    return null;
                }

                for (var j = k + 1; j < s1 && j < k + 12; j++)
                {
                    if (MentionAt[j] is { Type: "PER" or "ORG" } m && (m.Kind is null || m.Entity is not null) && !IsAuthorityName(m))
                    {
                        return Participant(m);
                    }

                    // "from the former head of the Karasor port, Abzal Shaikenov": the name in apposition.
                    if (Word(j) == "," && j + 1 < s1 && MentionAt[j + 1] is { Type: "PER", Kind: null } named)
                    {
                        return Participant(named);
                    }

                    if (Word(j) is "," or ";" or ".")
                    {
                        break;
                    }
                }
            }

            if (fromOnly)
            {
                continue;
            }

            if (Word(k) is "'s" or "’s" && MentionAt[k - 1] is { Type: "PER" or "ORG" } p && (p.Kind is null || p.Entity is not null))
            {
                return Participant(p);
            }

            // "in the company's accounts": the company named before.
            if (Word(k) is "'s" or "’s" && MentionAt[k - 1] is null && Word(k - 1).ToLowerInvariant() is "company" or "firm" or "holding" or "group" or "bank")
            {
                var before = Tokens[k - 1].Start;
                if (Mentions.LastOrDefault(m => m.Type == "ORG" && m.Kind is null && m.End <= before && m.Entity is not null) is { } org)
                {
                    return Participant(org);
                }
            }

            if (Word(k).ToLowerInvariant() is "his" or "her" or "their" or "him" && MentionAt[k] is { Entity: not null } pronoun)
            {
                return Participant(pronoun);
            }
        }

        return null;
    }

    /// <summary>The owner of property named before the verb: "his assets", "Bekov's accounts".</summary>
    private EventParticipant? OwnerBefore(int s0, int t)
    {
        for (var k = s0; k + 1 < t; k++)
        {
            if (!IsPropertyNoun(Word(k + 1)))
            {
                continue;
            }

            if (Word(k).ToLowerInvariant() is "his" or "her" or "their" && MentionAt[k] is { Entity: not null } pronoun)
            {
                return Participant(pronoun);
            }

            if (Word(k) is "'s" or "’s" && k > s0 && MentionAt[k - 1] is { Type: "PER" or "ORG" } p && (p.Kind is null || p.Entity is not null))
            {
                return Participant(p);
            }
        }

        return null;
    }

    /// <summary>A court, prosecutor's office, police force or bureau by the claims' source nouns (claim-sources.tsv): it acts on assets and searches, it does not own them.</summary>
    private bool IsAuthorityName(Mention m) => NameHasSourceKind(m, SourceKinds.Court, SourceKinds.Authority);

    /// <summary>A court is not the organisation of someone's post that a later sentence refers to.</summary>
    private bool IsCourtName(Mention m) => NameHasSourceKind(m, SourceKinds.Court, SourceKinds.Court);

    private bool NameHasSourceKind(Mention m, string kind, string other)
    {
        var sources = Claims.ClaimData.Instance.Sources;
        for (var k = TokenAt(m.Start); k < Tokens.Length && Tokens[k].Start < m.End; k++)
        {
            if (sources.TryMatch(Text, Tokens.AsSpan(), k, out var entry, out _) && (entry.Kind == kind || entry.Kind == other))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The tenure range after the trigger: a period ("from 2014 to 2020", "between 2014 and 2018"), or a time after
    /// "since"/"from" and one after "until"/"to", within 12 tokens of the trigger and its clause.
    /// </summary>
    private void Range(Draft d, int end, int s1)
    {
        var limit = Tokens[Math.Min(ClauseEnd(end, s1), end + 12) - 1].End;
        var sentenceStart = Sentences[d.Sentence].Start;
        var opening = StartingIn(Times, sentenceStart, Tokens[d.T0].Start).FirstOrDefault(x => x.End <= Tokens[d.T0].Start && x.Value is not null
            && TokenAt(x.Start) > 0 && Word(TokenAt(x.Start) - 1).ToLowerInvariant() is "until" or "since" && TokenAt(x.Start) - 1 == TokenAt(sentenceStart));
        foreach (var x in Times.Where(x => (x.Start >= Tokens[end - 1].End && x.End <= limit || x == opening) && x.Value is not null).OrderBy(x => x.Start))
        {
            var before = Word(TokenAt(x.Start) - 1).ToLowerInvariant();
            // "held the post from 2018 until his dismissal in May 2021".
            if (before == "in" && TokenAt(x.Start) >= 4 && WordIs(TokenAt(x.Start) - 4, "until") && Word(TokenAt(x.Start) - 3).ToLowerInvariant() is "his" or "her" or "their")
            {
                before = "until";
            }

            if (x.Value!.Contains('/'))
            {
                var parts = x.Value.Split('/');
                d.From ??= parts[0].Length > 0 ? parts[0] : null;
                d.To ??= parts[1].Length > 0 ? parts[1] : null;
                d.Time = x;
                return;
            }

            if (before is "since" or "from" && d.From is null)
            {
                d.From = x.Value;
                d.Time ??= x;
            }
            else if (before is "until" or "till" or "to" && !(d.From is not null && Text.AsSpan(d.Time!.End, x.Start - d.Time.End).Contains(',')))
            {
                // "since 2017, would remain … until December" is not the end of the same tenure.
                d.To ??= x.Value;
                return;
            }
        }
    }

    private void AddLegalRefs(Draft d, int s0, int s1)
    {
        var from = Tokens[s0].Start;
        var to = Tokens[s1 - 1].End;
        foreach (var l in _legalRefs.Where(l => l.Start >= from && l.End <= to))
        {
            if (d.LegalRefs.All(x => x.Start != l.Start))
            {
                d.LegalRefs.Add(new EventLegalRef(l.Article, l.Part, l.Paragraph, l.Code, l.Text, l.Start, l.End));
                d.Evidence.Add(new SpanRef(l.Start, l.End));
            }
        }
    }

    private void AddMoney(Draft d, int from, int s1)
    {
        if (from >= s1)
        {
            // "paid." opens its sentence: there are no tokens before the verb to take a sum from.
            return;
        }

        var a = Tokens[Math.Min(from, s1 - 1)].Start;
        var b = Tokens[s1 - 1].End;
        Quantity? previous = null;
        foreach (var q in StartingIn(Quantities, a, b).Where(q => q.Kind == QuantityKinds.Money && q.End <= b))
        {
            // "10 billion tenge (about 20 million euros)": the bracketed sum right after a sum is the same money converted.
            var between = previous is null ? default : Text.AsSpan(previous.End, q.Start - previous.End);
            var conversion = previous is not null && between.Contains('(') && !between.Contains(')');
            d.Amounts.Add(new EventAmount(q.Value, q.Unit, q.Text, q.Start, q.End, conversion ? true : null, q.AtLeast ? true : null, q.Approximate ? true : null));
            d.Evidence.Add(new SpanRef(q.Start, q.End));
            previous = q;
        }
    }

    private List<Draft>? AssetRecovery(int t, int end, int s, int s0, int s1, string mode = "none")
    {
        // "frozen fish" is not a freeze: the participle must be a verb (after be/have) or be followed by what was frozen.
        if (WordIs(t, "frozen") && !(t > s0 && BeWords.Contains(Word(t - 1))) && end < s1 && Tokens[end].Kind == TokenKind.Word
            && Word(end).ToLowerInvariant() is not ("in" or "at" or "by" or "on" or "the" or "his" or "her" or "their" or "its" or "assets" or "accounts"))
        {
            return null;
        }

        // "returned 85 million som to the state": only a return to the state or budget is a recovery.
        if (mode == "subject" && !Enumerable.Range(end, Math.Max(0, Math.Min(s1, end + 8) - end)).Any(k => Word(k).ToLowerInvariant() is "state" or "budget" or "treasury"))
        {
            return null;
        }

        var d = New("asset_recovery", t, end, s);
        AddMoney(d, s0, s1);

        // "sentenced to 18 years with confiscation of property": part of the sentence, not a recovery of its own.
        if (d.Amounts.Count == 0 && Enumerable.Range(s0, t - s0).Any(k => EventRecognizer.Triggers.TryMatch(Text, Tokens.AsSpan(), k, out var e, out _) && e.Type == "sentence"))
        {
            return null;
        }

        if (d.Amounts.Count == 0 && !Enumerable.Range(s0, s1 - s0).Any(k => Word(k).ToLowerInvariant() is "property" or "assets" or "funds" or "money" or "shares" or "accounts"))
        {
            return null;
        }

        // "The Anti-Corruption Service has returned 3.5 billion tenge to the state from X": X's money, not the service's.
        if (mode == "subject" && Owner(t, end, s0, s1, fromOnly: true) is { } source)
        {
            d.Participants.Add(source with { Role = "from" });
        }
        else if (mode == "subject" && Participants("subject", t, end, s, s0, s1) is [var returner, ..])
        {
            d.Participants.Add(returner with { Role = "from" });
        }
        else if (Owner(t, end, s0, s1) is { } owner)
        {
            d.Participants.Add(owner with { Role = "from" });
        }
        else if (OwnerBefore(s0, t) is { } holder)
        {
            // "His assets, including 950 million dram in bank deposits, were frozen".
            d.Participants.Add(holder with { Role = "from" });
        }
        else if (Enumerable.Range(end, Math.Max(0, Math.Min(s1, end + 3) - end)).FirstOrDefault(k => WordIs(k, "from") && GroupWords.Contains(Word(k + 1))) is var g and > 0
                 && Group(s, g) is { } group)
        {
            // "recovered from them": the people named together just before.
            d.Participants.AddRange(group.Select(p => p with { Role = "from" }));
        }

        return [d];
    }

    private List<Draft>? Casualties(int t, int end, int s, int s0, int s1)
    {
        // "injured 11" / "killed three": a count right after the word.
        var after = end < s1 ? StartingIn(Quantities, Tokens[end].Start, Tokens[end].Start + 1).FirstOrDefault(x => x.Kind == QuantityKinds.Count) : null;
        var next = after is null ? s1 : TokenAt(after.End);
        var q = after is not null && (next >= s1 || Tokens[next].Kind != TokenKind.Word || char.IsLower(Text[Tokens[next].Start]))
            ? after
            : CountBefore(t, s0);

        // "put the death toll at 42".
        if (WordIs(t, "death"))
        {
            var limit = Tokens[Math.Min(s1, end + 4) - 1].End;
            q = StartingIn(Quantities, Tokens[end - 1].End, limit).FirstOrDefault(x => x.Kind == QuantityKinds.Count && x.End <= limit) ?? q;
        }
        if (q is null)
        {
            return null;
        }

        // A subgroup ("including 19 representatives …") is part of the count before it, not a count of its own.
        if (IsSubgroup(q))
        {
            return null;
        }

        var word = Word(t).ToLowerInvariant();
        var d = New("casualties", t, end, s);
        d.Counted = word is "died" or "killed" or "dead" or "death" or "drowned" ? "killed" : word is "injured" or "wounded" or "hurt" ? "injured" : "detained";
        d.Count = q.Value;
        d.AtLeast = q.AtLeast;
        d.Approximate = q.Approximate;
        d.Evidence.Add(new SpanRef(q.Start, q.End));
        foreach (var sub in StartingIn(Quantities, q.End + 1, Tokens[s1 - 1].End).Where(x => x.Kind == QuantityKinds.Count && x.End <= Tokens[s1 - 1].End && IsSubgroup(x)))
        {
            var k = TokenAt(sub.End);
            var e = k;
            while (e < s1 && Word(e) is not ("," or ";" or "." or "and"))
            {
                e++;
            }

            if (k > 0 && Word(TokenAt(sub.Start) - 1).Equals("including", StringComparison.OrdinalIgnoreCase) && sub.Start - q.End < 80)
            {
                d.Including.Add(new EventSubgroup(sub.Value, Text[sub.Start..Tokens[e - 1].End], sub.Start, Tokens[e - 1].End));
            }
        }

        return [d];
    }

    /// <summary>"All three had been in custody", "the two were detained": a count that refers to people named before.</summary>
    private bool IsGroupReference(Quantity q)
    {
        var k = TokenAt(q.Start);
        return k > 0 && Word(k - 1).ToLowerInvariant() is "all" or "the" or "both" or "these" or "those";
    }

    private bool IsSubgroup(Quantity q)
    {
        var k = TokenAt(q.Start);
        return k > 0 && Word(k - 1).ToLowerInvariant() is "including" or "among" or "of";
    }

    /// <summary>The count a casualty word refers to: "225 people died", "more than 4,500 people were injured".</summary>
    private Quantity? CountBefore(int t, int s0)
    {
        var from = Tokens[Math.Max(s0, t - 8)].Start;
        var at = Tokens[t].Start;
        return StartingIn(Quantities, from, at).LastOrDefault(q => q.Kind == QuantityKinds.Count && q.End <= at
            && !Text.AsSpan(q.End, at - q.End).ContainsAny(',', ';'));
    }

    private List<Draft>? Troops(string type, int t, int end, int s, int s0, int s1)
    {
        // "a peacekeeping force arrived", "units of the Joint Force left": only armed forces deploy or withdraw.
        var subject0 = Math.Max(s0, t - 12);
        if (!Enumerable.Range(subject0, Math.Max(0, t - subject0)).Concat(Enumerable.Range(end, Math.Max(0, Math.Min(s1, end + 4) - end)))
                .Any(k => ForceWords.Contains(Word(k))))
        {
            return null;
        }

        // "sent a team of 11 investigators" is not a deployment; "National Guard units were sent" is: "sent" needs armed
        // forces, not a team.
        if (WordIs(t, "sent") && !Enumerable.Range(subject0, Math.Max(0, Math.Min(s1, end + 4) - subject0))
                .Any(k => ForceWords.Contains(Word(k)) && Word(k).ToLowerInvariant() is not ("team" or "rescuers")))
        {
            return null;
        }

        var d = New(type, t, end, s);
        for (var k = subject0; k < t; k++)
        {
            if (MentionAt[k] is { Kind: null, Type: "ORG" } m)
            {
                d.Participants.Add(new EventParticipant("force", m.Entity, m.Text, m.Start, m.End));
                break;
            }
        }

        // "The army deployed 150 soldiers": the force as written when no organisation is named.
        if (d.Participants.Count == 0 && Enumerable.Range(Math.Max(s0, t - 4), t - Math.Max(s0, t - 4)).FirstOrDefault(k => ForceWords.Contains(Word(k)), -1) is var f and >= 0
            && WordIs(f, "army"))
        {
            d.Participants.Add(new EventParticipant("force", null, Word(f), Tokens[f].Start, Tokens[f].End));
        }

        // The place is where the forces went or what they left: the first place after the verb.
        for (var k = end; k < s1 && k < end + 6; k++)
        {
            if (MentionAt[k] is { Type: "LOC" } loc)
            {
                d.Place = new EventParticipant("place", loc.Entity, loc.Text, loc.Start, loc.End);
                break;
            }
        }

        return [d];
    }
}
