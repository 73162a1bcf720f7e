using System.Collections.Immutable;
using System.Globalization;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Checks;

/// <summary>The checks of one document; each method adds its findings.</summary>
internal sealed class CheckRun : TokenView
{
    private static readonly HashSet<string> ApproximateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "around", "approximately", "roughly", "nearly", "almost", "some", "over", "more", "than", "or", "circa", "approx",
    };

    private static readonly HashSet<string> PersonPlurals = new(StringComparer.OrdinalIgnoreCase)
    {
        "deputies", "officials", "people", "suspects", "men", "women", "defendants", "officers", "employees", "managers", "members",
        "directors", "persons", "activists", "journalists", "executives", "accomplices", "ministers", "judges", "brothers", "sons",
        "companies", "firms", "banks", "businesses", "organisations", "organizations", "parties", "contractors", "suppliers",
    };

    private readonly DateOnly? _published;
    private readonly ImmutableArray<Claim> _claims;
    private readonly ImmutableArray<Event> _events;
    private readonly FxTable _fx;
    private readonly List<Finding> _findings = [];

    public CheckRun(string text, DateOnly? published, ImmutableArray<Token> tokens, ImmutableArray<Sentence> sentences, ImmutableArray<Mention> mentions,
        ImmutableArray<Entity> entities, ImmutableArray<Quantity> quantities, ImmutableArray<TimeExpression> times, ImmutableArray<Claim> claims,
        ImmutableArray<Event> events, FxTable fx)
        : base(text, tokens, sentences, mentions, entities, quantities, times)
    {
        _published = published;
        _claims = claims;
        _events = events;
        _fx = fx;
    }

    public ImmutableArray<Finding> Run()
    {
        FxConversions();
        ListedTotals();
        Subgroups();
        RepeatedCounts();
        RestatedCounts();
        AgesAtRelease();
        AgesAtDate();
        DateOrder();
        NameVariants();
        UnsupportedClaims();
        return ConsistencyChecker.Ordered(_findings);
    }

    private void Add(string check, string status, string message, IEnumerable<SpanRef> evidence, IReadOnlyList<FindingFact>? facts = null) =>
        _findings.Add(new Finding
        {
            Check = check,
            Status = status,
            Severity = status switch { "inconsistent" => "error", "unverifiable" => "warning", _ => "info" },
            Message = message,
            Evidence = [.. evidence.Distinct().OrderBy(e => e.Start)],
            Facts = facts,
        });

    private static SpanRef Span(ISpanned x) => new(x.Start, x.End);

    // ---- fx-conversion ----

    /// <summary>
    /// "12 billion tenge (about 25 million euros)": the bracketed sum in another currency after a sum is its
    /// conversion. It is recomputed through US dollars at the rate of the date the sentence's event gives, else
    /// the publication date; the tolerance is 5 % for an annual table (2 % for a monthly or daily one), 5 % more
    /// for "about"/"nearly"/"more than", plus half a unit of the last digit written ("20 million" ± 2.5 %).
    /// </summary>
    private void FxConversions()
    {
        var money = Quantities.Where(q => q.Kind == QuantityKinds.Money && q.Value is > 0 && q.Unit is not null).ToList();
        for (var i = 0; i + 1 < money.Count; i++)
        {
            var (a, b) = (money[i], money[i + 1]);
            var between = Text.AsSpan(a.End, b.Start - a.End);
            if (a.Unit == b.Unit || !between.Contains('(') || between.Contains(')') || between.Length > 30)
            {
                continue;
            }

            var date = DateFor(a);
            var evidence = new List<SpanRef> { Span(a), Span(b) };
            if (date is null)
            {
                Add("fx-conversion", "unverifiable", $"{a.Text} → {b.Text}: the text gives no date and the document no publication date, so no rate applies.", evidence);
                continue;
            }

            var ra = _fx.Rate(a.Unit!, date.Value.Date);
            var rb = _fx.Rate(b.Unit!, date.Value.Date);
            if (ra is null || rb is null)
            {
                var missing = ra is null ? a.Unit : b.Unit;
                Add("fx-conversion", "unverifiable", $"{a.Text} → {b.Text}: the rate table has no {missing} rate for {date.Value.Date} (it covers {_fx.Coverage}); not checked.", evidence);
                continue;
            }

            var expected = a.Value!.Value / ra.PerUsd * rb.PerUsd;
            var stated = b.Value!.Value;
            var off = Math.Abs(stated - expected) / expected;
            var approximate = b.Approximate || b.AtLeast || b.AtMost || a.Approximate || a.AtLeast || a.AtMost || ApproximateBefore(b);
            var tolerance = (ra.Period.Length == 4 || rb.Period.Length == 4 ? 0.05 : 0.02) + (approximate ? 0.05 : 0) + RoundingOf(b);
            var inv = CultureInfo.InvariantCulture;
            var rates = string.Create(inv, $"{ra.PerUsd:0.####} {ra.Currency}/USD and {rb.PerUsd:0.####} {rb.Currency}/USD ({(ra.Period.Length == 4 ? ra.Period + " annual average" : ra.Period)}, {date.Value.Why})");
            var message = string.Create(inv,
                $"{a.Text} at {rates} is {ConsistencyChecker.Money(expected)} {b.Unit}; the text says {b.Text} — {off:P1} off, {(off <= tolerance ? "within" : "beyond")} the {tolerance:P0} allowed.");
            var facts = new List<FindingFact>
            {
                new(ra.Source, string.Create(inv, $"{ra.Period} {ra.Currency} {ra.PerUsd:0.####} per USD")),
                new(rb.Source, string.Create(inv, $"{rb.Period} {rb.Currency} {rb.PerUsd:0.####} per USD")),
            };
            if (date.Value.Evidence is { } when)
            {
                evidence.Add(when);
            }

            Add("fx-conversion", off <= tolerance ? "consistent" : "inconsistent", message, evidence, facts);
        }
    }

    private bool ApproximateBefore(Quantity q)
    {
        var k = TokenAt(q.Start);
        return k > 0 && ApproximateWords.Contains(Word(k - 1));
    }

    /// <summary>Half a unit of the last significant digit written: "20 million" → 2.5 %, "21.8 million" → 0.23 %.</summary>
    private static double RoundingOf(Quantity q)
    {
        var digits = new string([.. q.Text.Where(char.IsDigit)]).TrimEnd('0');
        if (digits.Length == 0 || q.Value is not > 0)
        {
            return 0;
        }

        var unit = Math.Pow(10, Math.Floor(Math.Log10(q.Value.Value)) - (digits.Length - 1));
        return Math.Min(0.05, unit / 2 / q.Value.Value);
    }

    /// <summary>The date a sum refers to: the time of the event whose amounts include it, else the publication date.</summary>
    private (string Date, string Why, SpanRef? Evidence)? DateFor(Quantity q)
    {
        // The event's date, else a date written in the same sentence ("the sale in 2021"); never one after publication.
        var published = _published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        bool Usable(string? v) => v is not null && v[0] != 'X' && (published is null || string.CompareOrdinal(v.Split('/')[0], published) <= 0);
        var ev = _events.FirstOrDefault(e => e.Attributes?.Amounts?.Any(m => m.Start == q.Start) == true && Usable(e.Time?.Value));
        if (ev?.Time is { } t)
        {
            return (t.Value!.Split('/')[0], "the date of the event", new SpanRef(t.Start, t.End));
        }

        var sentence = Sentences.LastOrDefault(s => s.Start <= q.Start);
        var written = Times.Where(x => sentence is not null && x.Start >= sentence.Start && x.End <= sentence.End && Usable(x.Value))
            .OrderBy(x => Math.Abs(x.Start - q.Start)).FirstOrDefault();
        if (written is not null)
        {
            return (written.Value!.Split('/')[0], "the date in the sentence", new SpanRef(written.Start, written.End));
        }

        return _published is { } p ? (p.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "the publication date", null) : null;
    }

    // ---- arithmetic ----

    /// <summary>"three deputies: A, B, C and D" — a count of people against the names listed after the colon.</summary>
    private void ListedTotals()
    {
        foreach (var q in Quantities.Where(q => q.Kind == QuantityKinds.Count && q.Value is > 1 and < 30))
        {
            var k = TokenAt(q.End);
            var s1 = SentenceEnd(q.Start);
            // "three deputies: A, B and C" or "suspended three deputies, A, B, C and D,".
            var colon = -1;
            for (var j = k; j < s1 && j < k + 12; j++)
            {
                if (Word(j) == ":" || (Word(j) == "," && j + 1 < s1 && MentionAt[j + 1] is { Type: "PER" or "ORG", Kind: null }))
                {
                    colon = j;
                    break;
                }
            }

            if (colon < 0 || !(PersonPlurals.Contains(q.Unit ?? "") || Enumerable.Range(k, colon - k).Any(j => PersonPlurals.Contains(Word(j)))))
            {
                continue;
            }

            // Names joined by commas and "and"; up to three title words may precede each ("Health Minister X").
            var names = new List<Mention>();
            var sinceJoin = 0;
            for (var j = colon + 1; j < s1; j++)
            {
                if (MentionAt[j] is { Type: "PER" or "ORG", Kind: null } m)
                {
                    names.Add(m);
                    j = TokenAt(m.End) - 1;
                    sinceJoin = -1;
                }
                else if (Word(j) is "," or "and")
                {
                    sinceJoin = 0;
                }
                else if (sinceJoin == 0 && char.IsUpper(Text[Tokens[j].Start]) && Tokens[j].Kind == TokenKind.Word)
                {
                    // A capitalised name the tagger missed ("… and Nur Qala"): the run of capitalised words.
                    var e = j;
                    while (e + 1 < s1 && char.IsUpper(Text[Tokens[e + 1].Start]) && Tokens[e + 1].Kind == TokenKind.Word)
                    {
                        e++;
                    }

                    names.Add(new Mention { Start = Tokens[j].Start, End = Tokens[e].End, Text = Slice(j, e + 1), Type = "ORG" });
                    j = e;
                    sinceJoin = -1;
                }
                else if (sinceJoin is >= 0 and < 3 && Tokens[j].Kind == TokenKind.Word)
                {
                    sinceJoin++;
                }
                else
                {
                    break;
                }
            }

            if (names.Count < 2)
            {
                continue;
            }

            var ok = names.Count == (int)q.Value!.Value;
            var listed = string.Join(", ", names.Select(n => n.Text));
            Add("arithmetic", ok ? "consistent" : "inconsistent",
                $"\"{q.Text} {q.Unit}\" then {names.Count} names ({listed}): {(ok ? "the count matches" : $"{ConsistencyChecker.Num(q.Value.Value)} stated, {names.Count} listed")}.",
                [Span(q), .. names.Select(Span)]);
        }
    }

    /// <summary>"12 people died, including 15 police officers" — a subgroup cannot exceed its total.</summary>
    private void Subgroups()
    {
        var counts = Quantities.Where(q => q.Kind == QuantityKinds.Count && q.Value is not null).ToList();
        foreach (var sub in counts)
        {
            // "including 15 police officers", "52 of them women", "12 of whom".
            var k = TokenAt(sub.Start);
            var after = TokenAt(sub.End);
            if (k == 0 || !(WordIs(k - 1, "including") || (WordIs(after, "of") && Word(after + 1).ToLowerInvariant() is "them" or "whom")))
            {
                continue;
            }

            var total = counts.LastOrDefault(q => q.End <= sub.Start && q.Start >= (Sentences.LastOrDefault(s => s.Start <= sub.Start)?.Start ?? 0));
            if (total is null)
            {
                continue;
            }

            var ok = sub.Value <= total.Value;
            Add("arithmetic", ok ? "consistent" : "inconsistent",
                $"\"{total.Text}\" including \"{sub.Text}\": {(ok ? "the part fits in the total" : $"the part ({ConsistencyChecker.Num(sub.Value!.Value)}) is larger than the total ({ConsistencyChecker.Num(total.Value!.Value)})")}.",
                [Span(total), Span(sub)]);
        }
    }

    /// <summary>"14 people were injured" … "the 17 injured": the same casualty count stated with two values.</summary>
    private void RepeatedCounts()
    {
        foreach (var group in _events.Where(e => e.Type == "casualties" && e.Attributes?.Count is not null)
                     .GroupBy(e => (e.Attributes!.Counted, Place: e.Place?.Entity ?? e.Place?.Text)))
        {
            var list = group.ToList();
            if (list.Select(e => e.Attributes!.Count).Distinct().Count() > 1 && list.All(e => e.Attributes!.AtLeast != true && e.Attributes.Approximate != true))
            {
                Add("arithmetic", "inconsistent",
                    $"The number {group.Key.Counted} is stated as {string.Join(" and as ", list.Select(e => ConsistencyChecker.Num(e.Attributes!.Count!.Value)))}.",
                    list.SelectMany(e => e.Evidence));
            }
            else if (list.Count == 1 && list[0].Evidence.Count(ev => Quantities.Any(q => q.Start == ev.Start && q.Kind == QuantityKinds.Count)) > 1)
            {
                Add("arithmetic", "consistent", $"The number {group.Key.Counted} ({ConsistencyChecker.Num(list[0].Attributes!.Count!.Value)}) is stated the same way each time.", list[0].Evidence);
            }
        }
    }

    /// <summary>
    /// "destroyed 9 houses … the 11 destroyed houses", "detained 23 protesters … all 32 detainees": a count
    /// restated with "the"/"all" for the same things must keep its value.
    /// </summary>
    private void RestatedCounts()
    {
        var counts = Quantities.Where(q => q.Kind == QuantityKinds.Count && q.Value is not null && !q.AtLeast && !q.Approximate && !q.AtMost)
            .Select(q => (Q: q, Key: CountKey(q))).Where(x => x.Key is not null).ToList();
        for (var i = 0; i < counts.Count; i++)
        {
            var later = counts[i];
            var k = TokenAt(later.Q.Start);
            if (k == 0 || Word(k - 1).ToLowerInvariant() is not ("the" or "all" or "those" or "these"))
            {
                continue;
            }

            var earlier = counts.Take(i).LastOrDefault(x => x.Key == later.Key && x.Q.End < later.Q.Start);
            if (earlier.Q is null)
            {
                continue;
            }

            var ok = earlier.Q.Value == later.Q.Value;
            Add("arithmetic", ok ? "consistent" : "inconsistent",
                $"{later.Key}: {ConsistencyChecker.Num(earlier.Q.Value!.Value)} at first, {(ok ? "the same" : ConsistencyChecker.Num(later.Q.Value!.Value))} when restated.",
                [Span(earlier.Q), Span(later.Q)]);
        }
    }

    /// <summary>What a count counts: its noun ("houses"), the noun after a participle ("destroyed houses"), or "detainees" after "detained".</summary>
    private string? CountKey(Quantity q)
    {
        var k = TokenAt(q.Start);
        if (k > 0 && Word(k - 1).ToLowerInvariant() is "detained" or "arrested")
        {
            return "detainees";
        }

        var u = q.Unit?.ToLowerInvariant();
        if (u is null)
        {
            return null;
        }

        if (u.EndsWith("ed", StringComparison.Ordinal))
        {
            // The unit word follows the number; the noun follows the unit word.
            var next = TokenAt(q.End);
            next = next < Tokens.Length && WordIs(next, u) ? next + 1 : next;
            u = next < Tokens.Length && Tokens[next].Kind == TokenKind.Word ? Word(next).ToLowerInvariant() : u;
        }

        return u is "detained" or "arrested" ? "detainees" : u;
    }

    private int SentenceEnd(int offset)
    {
        var s = Sentences.FirstOrDefault(x => x.Start <= offset && x.End > offset);
        return s is null ? Tokens.Length : TokenAt(s.End);
    }

    // ---- ages ----

    /// <summary>
    /// "will be released at 76": the age at release from the birth date (known facts, else "born in/on …" in the
    /// text), the detention date (else the sentence's date, else the publication date) and the term — time served
    /// counts from detention. ±1 year is consistent, since the day is rarely known.
    /// </summary>
    private void AgesAtRelease()
    {
        foreach (var age in AgeMentions())
        {
            var s0 = TokenAt(Sentences.LastOrDefault(s => s.Start <= age.Start)?.Start ?? 0);
            var a0 = TokenAt(age.Start);
            var window = Enumerable.Range(Math.Max(s0, a0 - 12), Math.Max(0, Math.Min(Tokens.Length, a0 + 8) - Math.Max(s0, a0 - 12)));
            if (!window.Any(k => Word(k).ToLowerInvariant() is "released" or "release" or "freed" or "free" or "out"))
            {
                continue;
            }

            var person = PersonFor(age);
            var sentence = _events.Where(e => e.Type == "sentence" && e.Attributes?.TermYears is not null && e.Participants.Any(p => p.Entity == person))
                .OrderByDescending(e => e.Attributes!.TermYears).FirstOrDefault();
            if (person is null)
            {
                continue;
            }

            // "upheld an 8-year prison sentence": a prison term written without a sentencing verb.
            var (termYears, termSpan) = sentence is not null ? (sentence.Attributes!.TermYears!.Value, (SpanRef?)null) : PrisonTerm();
            if (termYears <= 0)
            {
                continue;
            }

            var (birth, birthWhy, birthFact, birthSpan) = BirthOf(person);
            if (birth is null)
            {
                Add("age-at-release", "unverifiable", $"\"{age.Text}\": no birth date for {Name(person)} in the text or the known facts.", [Span(age)]);
                continue;
            }

            var detention = _events.FirstOrDefault(e => e.Type == "detention" && e.Participants.Any(p => p.Entity == person) && e.Time?.Value is { } v && v[0] != 'X');
            DateOnly? start = null;
            var startWhy = "";
            SpanRef? startSpan = null;
            if (detention?.Time is { } dt)
            {
                (start, startWhy, startSpan) = (ParseDate(dt.Value!), $"detained {dt.Value}", new SpanRef(dt.Start, dt.End));
            }
            else if (sentence?.Time?.Value is { } sv)
            {
                (start, startWhy, startSpan) = (ParseDate(sv), $"sentenced {sv}", new SpanRef(sentence.Time.Start, sentence.Time.End));
            }
            else if (_published is { } p)
            {
                (start, startWhy) = (p, "the publication date (no detention date stated)");
            }

            if (start is null)
            {
                continue;
            }

            var term = termYears;
            // A 9,999-year term ends after year 9999: no age at release can be computed.
            if (SafeDates.AddMonths(start.Value, (long)Math.Round(Math.Min(term, 20_000) * 12)) is not { } release)
            {
                continue;
            }

            var years = AgeAt(birth.Value, release);
            var stated = age.Value!.Value;
            var ok = Math.Abs(stated - years) <= 1;
            var evidence = new List<SpanRef> { Span(age) };
            evidence.AddRange(sentence?.Evidence.Where(e => Quantities.Any(q => q.Start == e.Start && q.Kind == QuantityKinds.Duration)) ?? []);
            if (termSpan is not null)
            {
                evidence.Add(termSpan);
            }
            if (startSpan is not null)
            {
                evidence.Add(startSpan);
            }

            if (birthSpan is not null)
            {
                evidence.Add(birthSpan);
            }

            var inv = CultureInfo.InvariantCulture;
            Add("age-at-release", ok ? "consistent" : "inconsistent",
                string.Create(inv, $"{Name(person)}: born {BirthText(birth.Value, birthSpan)} ({birthWhy}), {startWhy}, {ConsistencyChecker.Num(term)}-year term → released about {release:yyyy-MM} at {years}, {(ok ? "as" : "not " + ConsistencyChecker.Num(stated) + " as")} the text says (assumption: time served counts from detention; ±1 year allowed)."),
                evidence, birthFact is null ? null : [birthFact]);
        }
    }

    /// <summary>Ages, plus numbers that state one around a release: "will be 69 when he is released", "released at 71".</summary>
    private IEnumerable<Quantity> AgeMentions()
    {
        var ages = Quantities.Where(q => q.Kind == QuantityKinds.Age && q.Value is not null).ToList();
        for (var k = 1; k < Tokens.Length; k++)
        {
            if (Tokens[k].Kind != TokenKind.Number || !int.TryParse(Word(k), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 18 or > 110
                || ages.Any(a => a.Start <= Tokens[k].Start && a.End >= Tokens[k].End))
            {
                continue;
            }

            var before = Word(k - 1).ToLowerInvariant();
            var releaseAfter = Enumerable.Range(k + 1, Math.Max(0, Math.Min(Tokens.Length, k + 7) - k - 1)).Any(j => Word(j).ToLowerInvariant() is "released" or "freed");
            if ((before == "be" && releaseAfter) || (before == "at" && WordIs(k - 2, "released")) || (before == "of" && WordIs(k - 2, "age") && WordIs(k - 4, "released")))
            {
                ages.Add(new Quantity { Start = Tokens[k].Start, End = Tokens[k].End, Text = Word(k), Kind = QuantityKinds.Age, Value = n, Unit = "year" });
            }
        }

        return ages.OrderBy(a => a.Start);
    }

    /// <summary>
    /// "Ivan Petrov, 57, was detained in March 2021": an age stated for a date (the sentence's date, else the
    /// publication date) against a birth date from the known facts or "born in/on …" in the text; ±1 year.
    /// Ages around a release are <c>age-at-release</c>'s.
    /// </summary>
    private void AgesAtDate()
    {
        foreach (var age in Quantities.Where(q => q.Kind == QuantityKinds.Age && q.Value is not null))
        {
            var sentence = Sentences.LastOrDefault(x => x.Start <= age.Start);
            if (sentence is null || Enumerable.Range(TokenAt(sentence.Start), TokenAt(sentence.End) - TokenAt(sentence.Start))
                    .Any(k => Word(k).ToLowerInvariant() is "released" or "release" or "freed"))
            {
                continue;
            }

            if (PersonFor(age) is not { } person || BirthOf(person) is not { Birth: { } birth } b)
            {
                continue;
            }

            var when = Times.Where(x => x.Start >= sentence.Start && x.End <= sentence.End && x.Value is { } v && v[0] != 'X' && ParseDate(v) is not null
                    && !(TokenAt(x.Start) >= 2 && WordIs(TokenAt(x.Start) - 2, "born")))
                .OrderBy(x => Math.Abs(x.Start - age.Start)).FirstOrDefault();
            var (date, why, span) = when is not null
                ? (ParseDate(when.Value!), $"on {when.Value}", (SpanRef?)new SpanRef(when.Start, when.End))
                : _published is { } p ? (p, "at publication", null) : ((DateOnly?)null, "", null);
            if (date is null)
            {
                continue;
            }

            var years = AgeAt(birth, date.Value);
            var ok = Math.Abs(age.Value!.Value - years) <= 1;
            var evidence = new List<SpanRef> { Span(age) };
            if (span is not null)
            {
                evidence.Add(span);
            }

            if (b.Span is not null)
            {
                evidence.Add(b.Span);
            }

            Add("age-at-date", ok ? "consistent" : "inconsistent",
                string.Create(CultureInfo.InvariantCulture,
                    $"{Name(person)}: born {BirthText(birth, b.Span)} ({b.Why}), so {years} {why}; the text says {ConsistencyChecker.Num(age.Value.Value)}{(ok ? "" : " — more than a year off")}."),
                evidence, b.Fact is null ? null : [b.Fact]);
        }
    }

    /// <summary>The longest duration written next to "sentence", "prison", "jail" or "term".</summary>
    private (double Years, SpanRef? Span) PrisonTerm()
    {
        var best = (0.0, (SpanRef?)null);
        foreach (var q in Quantities.Where(q => q.Kind == QuantityKinds.Duration && q.Unit is "year" or "month" && q.Value is > 0))
        {
            var k0 = TokenAt(q.Start);
            var k1 = TokenAt(q.End);
            var near = Enumerable.Range(Math.Max(0, k0 - 3), Math.Min(Tokens.Length, k1 + 4) - Math.Max(0, k0 - 3))
                .Any(k => Word(k).ToLowerInvariant() is "sentence" or "prison" or "jail" or "term" or "imprisonment" or "colony");
            var years = q.Unit == "month" ? q.Value!.Value / 12 : q.Value!.Value;
            if (near && years > best.Item1)
            {
                best = (years, new SpanRef(q.Start, q.End));
            }
        }

        return best;
    }

    private string? PersonFor(Quantity age)
    {
        var m = Mentions.LastOrDefault(x => x.Type == "PER" && x.Entity is not null && x.End <= age.Start && age.Start - x.End < 200);
        return m?.Entity;
    }

    private string Name(string entity) => Entities.FirstOrDefault(e => e.Id == entity)?.Name ?? entity;

    private (DateOnly? Birth, string Why, FindingFact? Fact, SpanRef? Span) BirthOf(string entity)
    {
        var e = Entities.FirstOrDefault(x => x.Id == entity);
        if (e?.Facts is { } facts && facts.TryGetValue("birthDate", out var dates) && dates.Count > 0 && ParseDate(dates[0]) is { } fromFacts)
        {
            var id = e.Identifiers?.GetValueOrDefault("ftm");
            return (fromFacts, "known facts", new FindingFact($"known facts{(id is null ? "" : $", record {id}")}", $"birthDate {dates[0]}"), null);
        }

        // "born in 1961", "born on 3 May 1961" after a mention of the person.
        foreach (var t in Times.Where(t => t.Value is { } v && v[0] != 'X'))
        {
            var k = TokenAt(t.Start);
            if (k >= 2 && (WordIs(k - 1, "in") || WordIs(k - 1, "on")) && WordIs(k - 2, "born")
                && Mentions.LastOrDefault(m => m.Type == "PER" && m.End <= t.Start)?.Entity == entity)
            {
                return (ParseDate(t.Value!), "the text", null, new SpanRef(t.Start, t.End));
            }
        }

        return (null, "", null, null);
    }

    /// <summary>The birth date as precise as it was given: the text's words ("1961", "3 June 1958") or the fact's full date.</summary>
    private string BirthText(DateOnly birth, SpanRef? span) =>
        span is not null ? Text[span.Start..span.End] : birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string value)
    {
        var v = value.Split('/')[0];
        var parts = v.Split('-');
        if (parts.Length == 0 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var y))
        {
            return null;
        }

        var m = parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var mm) ? mm : 1;
        var d = parts.Length > 2 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var dd) ? dd : 1;
        return d <= 31 ? SafeDates.Create(y, m, d) : null;
    }

    private static int AgeAt(DateOnly birth, DateOnly date) =>
        date.Year - birth.Year - (date.Month < birth.Month || (date.Month == birth.Month && date.Day < birth.Day) ? 1 : 0);

    // ---- dates ----

    /// <summary>A person sentenced or convicted before being detained, and a tenure that ends before it starts.</summary>
    private void DateOrder()
    {
        foreach (var d in _events.Where(e => e.Type == "detention" && e.Time?.Value is { } v && v[0] != 'X'))
        {
            var person = d.Participants.Count > 0 ? d.Participants[0].Entity : null;
            foreach (var s in _events.Where(e => e.Type is "sentence" or "conviction" && e.Time?.Value is { } v && v[0] != 'X'
                         && person is not null && e.Participants.Any(p => p.Entity == person)))
            {
                var (dv, sv) = (d.Time!.Value!, s.Time!.Value!);
                var common = Math.Min(dv.Length, sv.Length);
                var ok = string.CompareOrdinal(dv[..common], sv[..common]) <= 0;
                Add("date-order", ok ? "consistent" : "inconsistent",
                    $"{Name(person!)}: detained {dv}, {s.Type} {sv} — {(ok ? "in order" : $"the {s.Type} comes before the detention")}.",
                    [new SpanRef(d.Time.Start, d.Time.End), new SpanRef(s.Time.Start, s.Time.End), d.Trigger, s.Trigger]);
            }
        }

        foreach (var t in _events.Where(e => e.Type == "tenure" && e.Attributes?.From is not null && e.Attributes.To is not null))
        {
            var (from, to) = (t.Attributes!.From!, t.Attributes.To!);
            var common = Math.Min(from.Length, to.Length);
            var ok = string.CompareOrdinal(from[..common], to[..common]) <= 0;
            Add("date-order", ok ? "consistent" : "inconsistent",
                $"{(t.Participants.Count > 0 ? t.Participants[0].Label : "A")} tenure from {from} to {to}: {(ok ? "in order" : "it ends before it starts")}.",
                t.Evidence);
        }
    }

    // ---- names and sources ----

    /// <summary>One person or organisation spelled several ways (informational).</summary>
    private void NameVariants()
    {
        foreach (var e in Entities.Where(e => e.Type is "PER" or "ORG"))
        {
            var variants = Mentions.Where(m => m.Entity == e.Id && m.Kind is null && m.Link?.Rule is { } r
                    && (r.Contains("variant", StringComparison.Ordinal) || r.Contains("fuzzy", StringComparison.Ordinal) || r.Contains("skeleton", StringComparison.Ordinal)))
                .ToList();
            if (variants.Count == 0)
            {
                continue;
            }

            var spellings = Mentions.Where(m => m.Entity == e.Id && m.Kind is null).Select(m => m.Text).Distinct().ToList();
            Add("name-variants", "consistent", $"{e.Name} is spelled {spellings.Count} ways: {string.Join(", ", spellings)} (linked by {string.Join(", ", variants.Select(v => v.Link!.Rule).Distinct())}).",
                variants.Select(Span));
        }
    }

    /// <summary>A check-worthy claim whose only source is anonymous, a leak or social media.</summary>
    private void UnsupportedClaims()
    {
        // Also an outlet relaying an unnamed source ("a source told the news site X that …").
        foreach (var c in _claims.Where(c => c.Checkworthy >= 0.5 && c.NoComment != true
                     && (c.Source.Kind is SourceKinds.Anonymous or SourceKinds.Leak or SourceKinds.SocialMedia
                         || c.Source.Via?.Kind is SourceKinds.Anonymous or SourceKinds.Leak or SourceKinds.SocialMedia)))
        {
            var via = c.Source.Via is { } v ? $", citing {v.Name ?? v.Kind.Replace('_', ' ')}" : "";
            var who = c.Source.Name ?? c.Source.Kind switch { SourceKinds.Leak => "a leak", SourceKinds.Anonymous => "unnamed sources", _ => "social media" };
            Add("unsupported-claim", "unverifiable",
                string.Create(CultureInfo.InvariantCulture,
                    $"This check-worthy claim ({c.Checkworthy:0.00}) rests only on {who} ({c.Source.Kind.Replace('_', ' ')}{via}); no named source in the text confirms it."),
                [new SpanRef(c.Start, c.End)]);
        }
    }
}
